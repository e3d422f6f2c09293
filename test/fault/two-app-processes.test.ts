import { describe, expect, it } from "vitest";
import { generateStorm } from "../../lib/scenarios/generate-storm";
import { createIntegrationViaApi, startAppServer } from "../../scripts/lib/app-server";
import { ADMIN_TOKEN, createTarget, openTarget, SERVER_ENV, sendDelivery } from "./fault-helpers";

describe("two app processes on one PostgreSQL receiving the same storm at once", () => {
  it("store each alert once and open each incident once", async () => {
    const target = await createTarget("PostgreSQL");
    const servers = await Promise.all(
      [3414, 3415].map((port) =>
        startAppServer({
          port,
          dataDir: target.dataDir,
          databaseUrl: target.databaseUrl,
          env: SERVER_ENV,
        }),
      ),
    );
    try {
      const token = await createIntegrationViaApi(
        servers[0]?.baseUrl ?? "",
        ADMIN_TOKEN,
        "alertmanager",
      );
      const storm = generateStorm({
        alertCount: 1_000,
        start: new Date(),
        maxAlertsPerDelivery: 20,
      });
      // Every delivery goes to both processes at the same moment, as with two Alertmanager replicas.
      for (const delivery of storm.deliveries) {
        const outcomes = await Promise.all(
          servers.map((server) => sendDelivery(server.baseUrl, token, delivery)),
        );
        expect(outcomes.map((outcome) => outcome.status)).toEqual([202, 202]);
      }
      const db = await openTarget(target);
      try {
        await expect
          .poll(() => db.prisma.alert.count({ where: { incidentId: null } }), { timeout: 30_000 })
          .toBe(0);
        expect(await db.prisma.alert.count()).toBe(storm.alertCount);
        expect(await db.prisma.rawDelivery.count()).toBe(storm.deliveries.length * 2);
        expect(await db.prisma.incident.count()).toBeLessThanOrEqual(3);
      } finally {
        await db.close();
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  }, 180_000);
});
