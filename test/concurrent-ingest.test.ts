import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/alertmanager/route";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import { correlatePendingAlerts } from "@/lib/correlate/run-correlation";
import { generateStorm } from "@/lib/scenarios/generate-storm";
import { ECOMMERCE_TOPOLOGY } from "@/prisma/seed/ecommerce-topology";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { jsonRequest, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

vi.stubEnv("FAULTLINE_RATE_LIMIT_BURST", "100000");

const testDb = provideTestDatabase();
let token = "";
beforeAll(async () => {
  await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
  token = (await createTestIntegration("alertmanager")).secret;
});
const post = (payload: unknown) =>
  POST(jsonRequest("/api/webhooks/alertmanager", payload, bearer(token)));

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
});
