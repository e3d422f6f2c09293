// Runs in the postgres project only (vitest.config.ts leaves *.pg.test.ts out of PGlite's):
// it needs several connections really running at once, which the embedded database has not.
import { describe, expect, it } from "vitest";
import { correlatePendingAlerts } from "@/lib/correlate/run-correlation";
import { DEFAULT_SERVICE_LABELS } from "@/lib/ingest/read-service-labels";
import { storeParsedDelivery } from "@/lib/ingest/store-delivery";
import { WEBHOOK_KINDS } from "@/lib/ingest/webhook-kinds";
import { provideTestDatabase } from "./helpers/test-database";
import { waitFor } from "./helpers/wait-for";

const testDb = provideTestDatabase();

/** Stores an Alertmanager delivery without the background correlation pass a route starts. */
async function storeAlertmanagerDelivery(payload: unknown) {
  const receivedAt = new Date();
  const parsed = WEBHOOK_KINDS.alertmanager.parse(payload, {
    receivedAt,
    headers: {},
    serviceLabels: DEFAULT_SERVICE_LABELS,
  });
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

describe("an ingest write racing a correlation pass on PostgreSQL", () => {
  it("racing a correlation pass over the same alerts wait for it instead of deadlocking", async () => {
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
  });
});
