import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { POST as postGrafana } from "@/app/api/webhooks/grafana/route";
import { POST as postPagerduty } from "@/app/api/webhooks/pagerduty/route";
import { POST as postPagerdutyEvents } from "@/app/api/webhooks/pagerduty-events/route";
import { getCliContext } from "@/lib/auth/get-cli-context";
import { getEnv } from "@/lib/env";
import { REDACTED } from "@/lib/ingest/pagerduty-events/redact-routing-key";
import { authenticateWebhook, forgetCachedSecrets } from "@/lib/integrations/authenticate-webhook";
import { decryptSecret, encryptSecret } from "@/lib/integrations/encrypt-secret";
import { hashSecret } from "@/lib/integrations/hash-secret";
import {
  createIntegration,
  ensureIntegration,
  rotateIntegrationSecret,
} from "@/lib/integrations/manage-integrations";
import { parseSecretKey } from "@/lib/integrations/parse-secret-key";
import { INTEGRATION_KINDS } from "@/lib/integrations/schemas";
import { extractCredentials, hmacHex, isSigningKind } from "@/lib/integrations/verify-credentials";
import { readFixture } from "./helpers/fixtures";
import { bearer, createTestIntegration, pagerdutySignature } from "./helpers/integrations";
import { jsonRequest } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
const configuredKey = () => {
  const key = getEnv().FAULTLINE_SECRET_KEY;
  if (!key) throw new Error("the test setup sets FAULTLINE_SECRET_KEY");
  return key;
};

type SecretRow = {
  id: number;
  secret_hash: string | null;
  secret_encrypted: string | null;
  value: string | null;
  expires_at: Date | null;
};

/** Every column of the integration's secret rows, read straight from the table. */
function readSecretRows(integrationId: number): Promise<SecretRow[]> {
  return testDb.db.query<SecretRow>(
    "SELECT * FROM integration_secrets WHERE integration_id = $1 ORDER BY id",
    [integrationId],
  );
}

function expectProtected(
  rows: SecretRow[],
  secrets: string[],
  kind: (typeof INTEGRATION_KINDS)[number],
) {
  expect(rows.length).toBeGreaterThan(0);
  const dump = JSON.stringify(rows);
  for (const secret of secrets) expect(dump).not.toContain(secret);
  for (const row of rows) {
    expect(row.value).toBeNull();
    if (isSigningKind(kind)) {
      expect(row.secret_hash).toBeNull();
      expect(row.secret_encrypted).toMatch(/^v1:/);
    } else {
      expect(row.secret_encrypted).toBeNull();
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  }
}

describe("secrets at rest", () => {
  it.each(INTEGRATION_KINDS)(
    "stores no %s secret in plain text, after create and after rotate",
    async (kind) => {
      const chosen = await createTestIntegration(kind);
      const generated = await createIntegration(getCliContext(), {
        kind,
        name: `gen-${randomBytes(4).toString("hex")}`,
      });
      expect(generated.secret).toMatch(/^flt_/);
      const rotated = await rotateIntegrationSecret(getCliContext(), chosen.id, { graceHours: 1 });
      expectProtected(await readSecretRows(chosen.id), [chosen.secret, rotated.secret], kind);
      expectProtected(await readSecretRows(generated.id), [generated.secret], kind);

      const [oldRow, newRow] = await readSecretRows(chosen.id);
      if (isSigningKind(kind)) {
        expect(decryptSecret(oldRow?.secret_encrypted ?? "", configuredKey())).toBe(chosen.secret);
        expect(decryptSecret(newRow?.secret_encrypted ?? "", configuredKey())).toBe(rotated.secret);
      } else {
        expect(oldRow?.secret_hash).toBe(hashSecret(chosen.secret));
        expect(newRow?.secret_hash).toBe(hashSecret(rotated.secret));
      }
      expect(oldRow?.expires_at).not.toBeNull();
      expect(newRow?.expires_at).toBeNull();
    },
  );

  it("accepts old and new signing secrets during rotation, and keeps no expired one", async () => {
    const pagerduty = await createTestIntegration("pagerduty");
    const body = readFixture("webhooks/pagerduty-v3/edge_unknown_event_type.json");
    const post = (secret: string) =>
      postPagerduty(jsonRequest("/x", body, pagerdutySignature(secret, body)));
    const rotated = await rotateIntegrationSecret(getCliContext(), pagerduty.id, { graceHours: 1 });
    expect((await post(pagerduty.secret)).status).toBe(202);
    expect((await post(rotated.secret)).status).toBe(202);

    // A grace of zero ends both earlier secrets at once, and nothing keeps them after that.
    const third = await rotateIntegrationSecret(getCliContext(), pagerduty.id, { graceHours: 0 });
    expect((await post(rotated.secret)).status).toBe(401);
    expect((await readSecretRows(pagerduty.id)).length).toBe(1);
    expect((await post(third.secret)).status).toBe(202);
  });

  it("keeps the demo's integrations idempotent: the same secret is stored once", async () => {
    const name = `demo-${randomBytes(4).toString("hex")}`;
    const token = `demo-token-${randomBytes(8).toString("hex")}`;
    for (const kind of ["alertmanager", "grafana"] as const) {
      await ensureIntegration(kind, name, token);
      await ensureIntegration(kind, name, token);
      const integration = await testDb.db.prisma.integration.findUniqueOrThrow({
        where: { kind_name: { kind, name } },
      });
      expectProtected(await readSecretRows(integration.id), [token], kind);
      expect((await readSecretRows(integration.id)).length).toBe(1);
    }
    const body = readFixture("webhooks/grafana/firing_mixed_grafana9.json");
    expect((await postGrafana(jsonRequest("/x", body, bearer(token)))).status).toBe(202);
  });
});

describe("a signing secret encrypted with another FAULTLINE_SECRET_KEY", () => {
  const body = readFixture("webhooks/grafana/firing_mixed_grafana9.json");
  const signed = (secret: string) => ({ "x-grafana-alerting-signature": hmacHex(secret, body) });
  let good = { id: 0, secret: "" };
  let stranded = { id: 0, secret: "" };

  beforeAll(async () => {
    good = await createTestIntegration("grafana");
    stranded = await createTestIntegration("grafana");
    const otherKey = parseSecretKey(randomBytes(32).toString("base64"));
    await testDb.db.query(
      "UPDATE integration_secrets SET secret_encrypted = $2 WHERE integration_id = $1",
      [stranded.id, encryptSecret(stranded.secret, otherKey)],
    );
    forgetCachedSecrets();
  });

  it("answers 503 (so the sender retries) without saying why, and tells the log", async () => {
    const response = await postGrafana(jsonRequest("/x", body, signed(stranded.secret)));
    expect(response.status).toBe(503);
    const answer = await response.json();
    expect(answer.error.code).toBe("UNAVAILABLE");
    expect(answer.error.message).not.toMatch(/KEY|key id/);
    const failure = await authenticateWebhook(
      "grafana",
      extractCredentials(new Headers(signed(stranded.secret))),
      body,
    ).catch((error: unknown) => error);
    expect((failure as Error).cause).toBeInstanceOf(Error);
    expect(((failure as Error).cause as Error).message).toMatch(
      /encrypted with another FAULTLINE_SECRET_KEY/,
    );
  });

  it("does not stop other integrations, of the same kind or another", async () => {
    expect((await postGrafana(jsonRequest("/x", body, signed(good.secret)))).status).toBe(202);
    const alertmanager = await createTestIntegration("alertmanager");
    const alerts = readFixture("webhooks/alertmanager/firing_grouped_teams_proxy.json");
    expect(
      (await postAlertmanager(jsonRequest("/x", alerts, bearer(alertmanager.secret)))).status,
    ).toBe(202);
  });
});

describe("stored PagerDuty Events deliveries", () => {
  it.each(["trigger_full.json", "change_event.json", "resolve.json"])(
    "hold no routing key and no authorization header (%s)",
    async (fixture) => {
      const events = await createTestIntegration("pagerduty_events");
      const text = readFixture(`webhooks/pagerduty-events-v2/${fixture}`).replace(
        /"routing_key"\s*:\s*"[^"]*"/,
        `"routing_key": "${events.secret}"`,
      );
      const response = await postPagerdutyEvents(
        jsonRequest("/x", text, { ...bearer(events.secret), "x-request-id": "req-1" }),
      );
      expect(response.status).toBe(202);
      const stored = await testDb.db.prisma.rawDelivery.findMany({
        where: { integrationId: events.id },
      });
      expect(stored).toHaveLength(1);
      const [delivery] = stored;
      expect(JSON.stringify(stored)).not.toContain(events.secret);
      expect(delivery?.body).toBe(text.replace(events.secret, REDACTED));
      expect(delivery?.headers).toMatchObject({ "x-request-id": "req-1" });
      expect(delivery?.headers).not.toHaveProperty("authorization");
      expect(delivery?.bodySha256).toBe(hashSecret(delivery?.body ?? ""));
    },
  );
});
