import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAudit } from "@/app/api/audit/route";
import { POST as postImport } from "@/app/api/catalog/import/route";
import { POST as postStatus } from "@/app/api/incidents/[id]/status/route";
import { POST as postRotate } from "@/app/api/integrations/[id]/rotate/route";
import { PATCH as patchIntegration } from "@/app/api/integrations/[id]/route";
import { POST as postIntegration } from "@/app/api/integrations/route";
import { POST as postRevoke } from "@/app/api/tokens/[id]/revoke/route";
import { POST as postToken } from "@/app/api/tokens/route";
import { PATCH as patchUser } from "@/app/api/users/[id]/route";
import { POST as postUser } from "@/app/api/users/route";
import type { TAuditRow } from "@/lib/audit/schemas";
import { readCatalogFiles } from "@/lib/catalog/read-catalog-files";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { getRequest, routeParams } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();

const IP = "203.0.113.9";
const USER_AGENT = "faultline-audit-test/1.0";

let admin: TTestActor;
let lead: TTestActor;
let responder: TTestActor;
let viewer: TTestActor;
beforeAll(async () => {
  admin = await createTestActor("admin");
  lead = await createTestActor("lead");
  responder = await createTestActor("responder");
  viewer = await createTestActor("viewer");
});

const tokenActor = (actor: TTestActor, role: string) => `token ${role} test (${actor.email})`;

function request(method: string, url: string, actor: TTestActor, body?: unknown): Request {
  return new Request(`http://localhost${url}`, {
    method,
    headers: {
      ...actor.headers,
      "content-type": "application/json",
      "x-faultline-client-ip": IP,
      "user-agent": USER_AGENT,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function lastAuditId(): Promise<number> {
  const last = await testDb.db.prisma.auditEntry.findFirst({ orderBy: { id: "desc" } });
  return last?.id ?? 0;
}

/** Runs one request; returns its answer and every audit row written while it ran. */
async function withAuditRows(
  send: () => Promise<Response>,
): Promise<{ status: number; body: Record<string, unknown>; rows: TAuditRow[] }> {
  const since = await lastAuditId();
  const response = await send();
  const rows = await testDb.db.prisma.auditEntry.findMany({
    where: { id: { gt: since } },
    orderBy: { id: "asc" },
  });
  return { status: response.status, body: await response.json(), rows };
}

async function createIncident(): Promise<number> {
  const now = new Date();
  const incident = await testDb.db.prisma.incident.create({
    data: { title: "audit test", severity: "error", openedAt: now, lastAlertAt: now },
  });
  return incident.id;
}

const changeStatus = (id: number, status: string, as: TTestActor) =>
  postStatus(
    request("POST", `/api/incidents/${id}/status`, as, { status, note: "seen it" }),
    routeParams({ id: String(id) }),
  );

describe("each mutation writes exactly one audit row, with who, where and what", () => {
  it("incident status", async () => {
    const id = await createIncident();
    const { status, rows } = await withAuditRows(() => changeStatus(id, "acknowledged", responder));
    expect(status).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: tokenActor(responder, "responder"),
      action: "incident.status",
      objectType: "incident",
      objectId: String(id),
      ip: IP,
      userAgent: USER_AGENT,
      before: { status: "triggered" },
      after: { status: "acknowledged", note: "seen it" },
    });
  });

  it("catalog import", async () => {
    const files = readCatalogFiles(
      path.join(import.meta.dirname, "..", "examples/ecommerce/ecommerce.calm.json"),
    );
    const { status, rows } = await withAuditRows(() =>
      postImport(
        request("POST", "/api/catalog/import", lead, {
          format: "calm",
          source: "calm:audit",
          files,
        }),
      ),
    );
    expect(status).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: tokenActor(lead, "lead"),
      action: "catalog.import",
      objectType: "catalog_source",
      objectId: "calm:audit",
      ip: IP,
      userAgent: USER_AGENT,
      before: null,
      after: { services: { added: 25 } },
    });
  });

  it("integration create, rotate and disable, never recording a secret", async () => {
    const created = await withAuditRows(() =>
      postIntegration(
        request("POST", "/api/integrations", admin, { kind: "grafana", name: "audit-grafana" }),
      ),
    );
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const secrets = [String(created.body.secret)];
    const who = { actor: tokenActor(admin, "admin"), ip: IP, userAgent: USER_AGENT };
    expect(created.rows).toHaveLength(1);
    expect(created.rows[0]).toMatchObject({
      ...who,
      action: "integration.create",
      objectType: "integration",
      objectId: id,
      before: null,
      after: { kind: "grafana", name: "audit-grafana" },
    });

    const rotated = await withAuditRows(() =>
      postRotate(
        request("POST", `/api/integrations/${id}/rotate`, admin, { graceHours: 2 }),
        routeParams({ id }),
      ),
    );
    expect(rotated.status).toBe(200);
    secrets.push(String(rotated.body.secret));
    expect(rotated.rows).toHaveLength(1);
    expect(rotated.rows[0]).toMatchObject({
      ...who,
      action: "integration.rotate",
      objectType: "integration",
      objectId: id,
      after: { graceHours: 2, oldSecretsExpireAt: rotated.body.oldSecretsExpireAt },
    });

    const disabled = await withAuditRows(() =>
      patchIntegration(
        request("PATCH", `/api/integrations/${id}`, admin, { isEnabled: false }),
        routeParams({ id }),
      ),
    );
    expect(disabled.status).toBe(200);
    expect(disabled.rows).toHaveLength(1);
    expect(disabled.rows[0]).toMatchObject({
      ...who,
      action: "integration.disable",
      objectType: "integration",
      objectId: id,
      before: { isEnabled: true },
      after: { isEnabled: false },
    });

    const everything = JSON.stringify([...created.rows, ...rotated.rows, ...disabled.rows]);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it("user create and update, never recording a password", async () => {
    const created = await withAuditRows(() =>
      postUser(
        request("POST", "/api/users", admin, { email: "carol@test.example", role: "viewer" }),
      ),
    );
    expect(created.status).toBe(201);
    const user = created.body.user as { id: number };
    const password = String(created.body.password);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(created.rows).toHaveLength(1);
    expect(created.rows[0]).toMatchObject({
      actor: tokenActor(admin, "admin"),
      action: "user.create",
      objectType: "user",
      objectId: String(user.id),
      ip: IP,
      userAgent: USER_AGENT,
      after: { email: "carol@test.example", role: "viewer" },
    });
    expect(JSON.stringify(created.rows)).not.toContain(password);

    const updated = await withAuditRows(() =>
      patchUser(
        request("PATCH", `/api/users/${user.id}`, admin, { role: "lead" }),
        routeParams({ id: String(user.id) }),
      ),
    );
    expect(updated.status).toBe(200);
    expect(updated.rows).toHaveLength(1);
    expect(updated.rows[0]).toMatchObject({
      actor: tokenActor(admin, "admin"),
      action: "user.update",
      objectType: "user",
      objectId: String(user.id),
      ip: IP,
      userAgent: USER_AGENT,
      before: { role: "viewer", isDisabled: false },
      after: { role: "lead", isDisabled: false },
    });
  });

  it("token create and revoke, never recording the token", async () => {
    const created = await withAuditRows(() =>
      postToken(request("POST", "/api/tokens", admin, { email: viewer.email, name: "audit-ci" })),
    );
    expect(created.status).toBe(201);
    const token = created.body.token as { id: number };
    expect(created.rows).toHaveLength(1);
    expect(created.rows[0]).toMatchObject({
      actor: tokenActor(admin, "admin"),
      action: "token.create",
      objectType: "api_token",
      objectId: String(token.id),
      ip: IP,
      userAgent: USER_AGENT,
      after: { name: "audit-ci", role: "viewer", user: viewer.email },
    });
    expect(JSON.stringify(created.rows)).not.toContain(String(created.body.secret));

    const revoked = await withAuditRows(() =>
      postRevoke(
        request("POST", `/api/tokens/${token.id}/revoke`, admin),
        routeParams({ id: String(token.id) }),
      ),
    );
    expect(revoked.status).toBe(200);
    expect(revoked.rows).toHaveLength(1);
    expect(revoked.rows[0]).toMatchObject({
      action: "token.revoke",
      objectType: "api_token",
      objectId: String(token.id),
      ip: IP,
      before: { revokedAt: null },
      after: { revokedAt: (revoked.body.token as { revokedAt: string }).revokedAt },
    });
  });
});

describe("a failed mutation writes no audit row", () => {
  it("a backwards status change (409) and a viewer's change (403) leave no trace", async () => {
    const id = await createIncident();
    expect((await changeStatus(id, "resolved", responder)).status).toBe(200);
    const backwards = await withAuditRows(() => changeStatus(id, "acknowledged", responder));
    expect(backwards.status).toBe(409);
    expect(backwards.rows).toEqual([]);

    const other = await createIncident();
    const forbidden = await withAuditRows(() => changeStatus(other, "acknowledged", viewer));
    expect(forbidden.status).toBe(403);
    expect(forbidden.rows).toEqual([]);
    const incident = await testDb.db.prisma.incident.findUniqueOrThrow({ where: { id: other } });
    expect(incident.status).toBe("triggered");
  });

  it("refused user, token and integration changes leave no trace", async () => {
    const attempts: [number, () => Promise<Response>][] = [
      [
        409,
        () => postUser(request("POST", "/api/users", admin, { email: viewer.email, role: "lead" })),
      ],
      [
        422,
        () =>
          postToken(
            request("POST", "/api/tokens", admin, {
              email: viewer.email,
              name: "x",
              role: "admin",
            }),
          ),
      ],
      [
        403,
        () =>
          postUser(
            request("POST", "/api/users", lead, { email: "d@test.example", role: "viewer" }),
          ),
      ],
      [
        404,
        () =>
          postRotate(
            request("POST", "/api/integrations/987654/rotate", admin, {}),
            routeParams({ id: "987654" }),
          ),
      ],
    ];
    for (const [expected, send] of attempts) {
      const { status, rows } = await withAuditRows(send);
      expect(status).toBe(expected);
      expect(rows).toEqual([]);
    }
  });
});

describe("the database refuses to change the audit log", () => {
  it.each([
    "UPDATE audit_entries SET actor = 'tampered'",
    "DELETE FROM audit_entries",
    "TRUNCATE audit_entries",
  ])("%s", async (sql) => {
    const before = await testDb.db.prisma.auditEntry.count();
    expect(before).toBeGreaterThan(0);
    const operation = sql.split(" ")[0];
    await expect(testDb.db.prisma.$executeRawUnsafe(sql)).rejects.toThrow(
      `audit_entries is append-only: ${operation} refused`,
    );
    expect(await testDb.db.prisma.auditEntry.count()).toBe(before);
    expect(await testDb.db.prisma.auditEntry.count({ where: { actor: "tampered" } })).toBe(0);
  });
});

describe("GET /api/audit", () => {
  beforeAll(async () => {
    // Inserting is what the log allows; explicit times make the time filter checkable.
    await testDb.db.prisma.auditEntry.createMany({
      data: [
        {
          at: new Date("2020-01-01T00:00Z"),
          actor: "filter-alice@example.com",
          action: "filter.a",
          objectType: "thing",
          objectId: "1",
        },
        {
          at: new Date("2020-06-01T00:00Z"),
          actor: "filter-alice@example.com",
          action: "filter.b",
          objectType: "thing",
          objectId: "2",
        },
        {
          at: new Date("2021-01-01T00:00Z"),
          actor: "filter-bob@example.com",
          action: "filter.a",
          objectType: "other",
          objectId: "1",
        },
      ],
    });
  });

  async function query(search: string, as: TTestActor = admin) {
    const response = await getAudit(getRequest(`/api/audit?${search}`, as.headers));
    const body = await response.json();
    return { status: response.status, body, keys: (body.entries ?? []).map(summarize) };
  }
  const summarize = (entry: TAuditRow) =>
    `${entry.actor} ${entry.action} ${entry.objectType}/${entry.objectId}`;

  it("filters by actor (any part, any case), action, object and time, newest first", async () => {
    expect((await query("actor=FILTER-ALICE")).keys).toEqual([
      "filter-alice@example.com filter.b thing/2",
      "filter-alice@example.com filter.a thing/1",
    ]);
    expect((await query("action=filter.a")).keys).toEqual([
      "filter-bob@example.com filter.a other/1",
      "filter-alice@example.com filter.a thing/1",
    ]);
    expect((await query("objectType=thing&objectId=1")).keys).toEqual([
      "filter-alice@example.com filter.a thing/1",
    ]);
    // since is inclusive, until exclusive.
    expect((await query("since=2020-06-01T00:00:00Z&until=2021-01-01T00:00:00Z")).keys).toEqual([
      "filter-alice@example.com filter.b thing/2",
    ]);
    expect((await query("until=2020-06-01T00:00:00Z")).keys).toEqual([
      "filter-alice@example.com filter.a thing/1",
    ]);
    expect((await query("action=filter.a&limit=1")).keys).toEqual([
      "filter-bob@example.com filter.a other/1",
    ]);
    const everything = await query("");
    expect(everything.status).toBe(200);
    expect(everything.keys.length).toBeGreaterThan(10);
  });

  it("is for admins only, and names bad filters", async () => {
    for (const actor of [viewer, lead]) {
      const refused = await query("", actor);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain("the admin role");
    }
    const bad = await query("since=not-a-time");
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain("since");
  });
});
