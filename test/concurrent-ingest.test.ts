import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/alertmanager/route";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import { correlatePendingAlerts } from "@/lib/correlate/run-correlation";
import { storeParsedDelivery } from "@/lib/ingest/store-delivery";
import { WEBHOOK_KINDS } from "@/lib/ingest/webhook-kinds";
import { generateStorm } from "@/lib/scenarios/generate-storm";
import { ECOMMERCE_TOPOLOGY } from "@/prisma/seed/ecommerce-topology";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { jsonRequest, settleCorrelation } from "./helpers/requests";
import { getTestDatabaseKind, provideTestDatabase } from "./helpers/test-database";
import { waitFor } from "./helpers/wait-for";

vi.stubEnv("FAULTLINE_RATE_LIMIT_BURST", "100000");

const testDb = provideTestDatabase();
let token = "";
beforeAll(async () => {
  await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
  token = (await createTestIntegration("alertmanager")).secret;
});
const post = (payload: unknown) =>
  POST(jsonRequest("/api/webhooks/alertmanager", payload, bearer(token)));

/** Stores an Alertmanager delivery without the background correlation pass a route starts. */
async function storeAlertmanagerDelivery(payload: unknown) {
  const receivedAt = new Date();
  const parsed = WEBHOOK_KINDS.alertmanager.parse(payload, { receivedAt, headers: {} });
  const rawBody = JSON.stringify(payload);
  return storeParsedDelivery(
    { source: "alertmanager", integrationId: null, rawBody, headers: {}, receivedAt },
    parsed,
  );
}

async function countLockWaiters(): Promise<number> {
  const [row] = await testDb.db.query<{ waiting: number }>(
    `SELECT count(*)::int AS waiting FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    [],
  );
  return row?.waiting ?? 0;
}

// On PostgreSQL these requests really run at once on separate connections; the database's
// unique constraints and locks, not this process, keep them from duplicating anything.
describe("concurrent deliveries", () => {
  it("of the same alerts store each alert once and open one incident", async () => {
    const storm = generateStorm({
      alertCount: 30,
      start: new Date("2026-11-20T08:00:00Z"),
      maxAlertsPerDelivery: 50,
    });
    const [first] = storm.deliveries;
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(first?.payload)));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(202));
    const fingerprints = first?.payload.alerts.map((alert) => alert.fingerprint) ?? [];
    const stored = await testDb.db.prisma.alert.findMany({
      where: { fingerprint: { in: fingerprints } },
    });
    expect(stored).toHaveLength(fingerprints.length);
    await settleCorrelation();
    const incidents = new Set(
      (await testDb.db.prisma.alert.findMany({ where: { fingerprint: { in: fingerprints } } })).map(
        (a) => a.incidentId,
      ),
    );
    expect(incidents.size).toBe(1);
  });

  it("of a whole storm, correlated by several passes at once, still make at most 3 incidents", async () => {
    const start = new Date("2026-11-21T08:00:00Z");
    const storm = generateStorm({ alertCount: 400, start, maxAlertsPerDelivery: 20 });
    const responses = await Promise.all(storm.deliveries.map((delivery) => post(delivery.payload)));
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([202]));
    // Several correlation passes racing, as several app processes would.
    await Promise.all([
      correlatePendingAlerts(),
      correlatePendingAlerts(),
      correlatePendingAlerts(),
    ]);
    await settleCorrelation();
    const alerts = await testDb.db.prisma.alert.findMany({ where: { startsAt: { gte: start } } });
    expect(alerts).toHaveLength(storm.alertCount);
    expect(alerts.every((alert) => alert.incidentId !== null)).toBe(true);
    expect(new Set(alerts.map((alert) => alert.incidentId)).size).toBeLessThanOrEqual(3);
  });

  // Needs two connections really running at once, so a real server.
  it.skipIf(getTestDatabaseKind() !== "postgres")(
    "racing a correlation pass over the same alerts wait for it instead of deadlocking",
    async () => {
      const fingerprints = Array.from({ length: 8 }, (_, i) => `lock-order-${i}`);
      const payload = (order: string[], note: string) => ({
        version: "4",
        status: "firing",
        receiver: "faultline",
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: "http://alertmanager.example.com",
        alerts: order.map((fingerprint) => ({
          status: "firing",
          labels: { alertname: "LockOrder", service: "lock-order", instance: fingerprint },
          annotations: { note },
          startsAt: "2026-11-22T08:00:00Z",
          endsAt: "0001-01-01T00:00:00Z",
          fingerprint,
        })),
      });
      await storeAlertmanagerDelivery(payload(fingerprints, "first"));

      // A third connection holds the middle alert, so the pass stops halfway through the batch;
      // the redelivery, in the opposite order, then comes at the batch from the other end.
      const [pass, redelivery] = await testDb.db.withSession(async (session) => {
        await session.exec("BEGIN");
        try {
          await session.query("SELECT 1 FROM alerts WHERE fingerprint = 'lock-order-4' FOR UPDATE");
          const pass = correlatePendingAlerts();
          pass.catch(() => undefined);
          await waitFor("the pass to wait", async () => (await countLockWaiters()) === 1);
          const redelivery = storeAlertmanagerDelivery(payload(fingerprints.toReversed(), "again"));
          redelivery.catch(() => undefined);
          await waitFor("the redelivery to wait", async () => (await countLockWaiters()) === 2);
          return [pass, redelivery] as const;
        } finally {
          await session.exec("COMMIT");
        }
      });

      const [passed, stored] = await Promise.allSettled([pass, redelivery]);
      expect(passed).toMatchObject({ status: "fulfilled", value: { alertsProcessed: 8 } });
      expect(stored).toMatchObject({ status: "fulfilled", value: { isDuplicate: false } });
      const alerts = await testDb.db.prisma.alert.findMany({
        where: { fingerprint: { in: fingerprints } },
      });
      expect(alerts.map((alert) => alert.annotations)).toEqual(Array(8).fill({ note: "again" }));
      expect(alerts.every((alert) => alert.incidentId !== null)).toBe(true);
    },
  );
});
