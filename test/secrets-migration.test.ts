import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, setDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { authenticateWebhook, forgetCachedSecrets } from "@/lib/integrations/authenticate-webhook";
import { decryptSecret } from "@/lib/integrations/encrypt-secret";
import { hashSecret } from "@/lib/integrations/hash-secret";
import { protectPlaintextSecrets } from "@/lib/integrations/protect-plaintext-secrets";
import { extractCredentials, hmacHex } from "@/lib/integrations/verify-credentials";
import { applyMigrations, readMigrations } from "@/lib/migrations/apply-migrations";
import { migrateDatabase } from "@/lib/migrations/migrate-database";
import { createEmptyTestDatabase } from "./helpers/test-database";

const MIGRATION = "20261202100000_integration_secrets_at_rest";
// Rows as the previous release stored them: the secret in "value", in plain text.
const LEGACY = [
  { kind: "alertmanager", value: "legacy-alertmanager-token-0001" },
  { kind: "pagerduty_events", value: "legacy-routing-key-0000000002" },
  { kind: "signals", value: "legacy-signals-token-000000003" },
  { kind: "grafana", value: "legacy-grafana-signing-key-004" },
  { kind: "pagerduty", value: "legacy-pagerduty-signing-k-005" },
] as const;

let db: Database;
const ids = new Map<string, number>();

async function secretOf(kind: string) {
  const [row] = await db.query<{
    secret_hash: string | null;
    secret_encrypted: string | null;
    value: string | null;
  }>(
    "SELECT secret_hash, secret_encrypted, value FROM integration_secrets WHERE integration_id = $1",
    [ids.get(kind)],
  );
  if (!row) throw new Error(`no secret row for ${kind}`);
  return row;
}

beforeAll(async () => {
  db = await createEmptyTestDatabase();
  const previous = readMigrations().filter((migration) => migration.name < MIGRATION);
  await applyMigrations(db, { migrations: previous });
  for (const { kind, value } of LEGACY) {
    const [integration] = await db.query<{ id: number }>(
      "INSERT INTO integrations (kind, name, updated_at) VALUES ($1::integration_kind, 'legacy', now()) RETURNING id",
      [kind],
    );
    ids.set(kind, Number(integration?.id));
    await db.query("INSERT INTO integration_secrets (integration_id, value) VALUES ($1, $2)", [
      integration?.id,
      value,
    ]);
  }
});

afterAll(async () => {
  await db.close();
});

describe(`migration ${MIGRATION}`, () => {
  it("hashes tokens in SQL alone, leaving signing keys for the app to encrypt", async () => {
    const migration = readMigrations().find((candidate) => candidate.name === MIGRATION);
    expect(migration).toBeDefined();
    await applyMigrations(db, { migrations: readMigrations().filter((m) => m.name <= MIGRATION) });
    for (const { kind, value } of LEGACY) {
      const row = await secretOf(kind);
      if (kind === "grafana" || kind === "pagerduty") {
        expect(row).toEqual({ secret_hash: null, secret_encrypted: null, value });
      } else {
        expect(row).toEqual({
          secret_hash: hashSecret(value),
          secret_encrypted: null,
          value: null,
        });
      }
    }
    // The same SQL again changes nothing and fails nothing.
    await db.withSession((session) => session.exec(migration?.sql ?? ""));
    expect((await secretOf("alertmanager")).secret_hash).toBe(hashSecret(LEGACY[0].value));
  });

  it("leaves signing keys in plain text without a key, and refuses them at the webhook meanwhile", async () => {
    expect(await protectPlaintextSecrets(db, undefined)).toEqual({
      protected: 0,
      leftInPlainText: 2,
    });
    setDb(db);
    forgetCachedSecrets();
    const body = '{"alerts":[]}';
    const failure = await authenticateWebhook(
      "grafana",
      extractCredentials(
        new Headers({ "x-grafana-alerting-signature": hmacHex(LEGACY[3].value, body) }),
      ),
      body,
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "UNAVAILABLE" });
    expect(((failure as Error).cause as Error).message).toMatch(
      /plain text: set FAULTLINE_SECRET_KEY/,
    );
  });

  it("encrypts the signing keys at the next start, after which every legacy secret still works", async () => {
    const report = await migrateDatabase(db);
    expect(report.secretsProtected).toBe(2);
    const key = getEnv().FAULTLINE_SECRET_KEY;
    if (!key) throw new Error("the test setup sets FAULTLINE_SECRET_KEY");
    for (const kind of ["grafana", "pagerduty"]) {
      const row = await secretOf(kind);
      expect(row.value).toBeNull();
      expect(row.secret_hash).toBeNull();
      expect(decryptSecret(row.secret_encrypted ?? "", key)).toBe(
        LEGACY.find((l) => l.kind === kind)?.value,
      );
    }
    const plaintextLeft = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM integration_secrets WHERE value IS NOT NULL",
      [],
    );
    expect(plaintextLeft[0]?.n).toBe(0);
    expect((await migrateDatabase(db)).secretsProtected).toBe(0);

    forgetCachedSecrets();
    const body = '{"alerts":[]}';
    const authenticate = (
      kind: "alertmanager" | "grafana" | "pagerduty" | "pagerduty_events",
      headers: Record<string, string>,
      routingKey: string | null = null,
    ) => authenticateWebhook(kind, extractCredentials(new Headers(headers), routingKey), body);
    await expect(
      authenticate("alertmanager", { authorization: `Bearer ${LEGACY[0].value}` }),
    ).resolves.toEqual({ integrationId: ids.get("alertmanager") });
    await expect(authenticate("pagerduty_events", {}, LEGACY[1].value)).resolves.toEqual({
      integrationId: ids.get("pagerduty_events"),
    });
    await expect(
      authenticate("grafana", { "x-grafana-alerting-signature": hmacHex(LEGACY[3].value, body) }),
    ).resolves.toEqual({ integrationId: ids.get("grafana") });
    await expect(
      authenticate("pagerduty", {
        "x-pagerduty-signature": `v1=${hmacHex(LEGACY[4].value, body)}`,
      }),
    ).resolves.toEqual({ integrationId: ids.get("pagerduty") });
    await expect(
      authenticate("alertmanager", { authorization: "Bearer not-the-token" }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
