import { describe, expect, it } from "vitest";
import { generateStorm } from "../../lib/scenarios/generate-storm";
import { ORDER_SERVICE_STORM } from "../../lib/scenarios/order-service-storm";
import { createIntegrationViaApi, startAppServer } from "../../scripts/lib/app-server";
import {
  ADMIN_TOKEN,
  alertKeys,
  createTarget,
  type DeliveryOutcome,
  openTarget,
  SERVER_ENV,
  sendDelivery,
  storedAlertKeys,
  waitForCorrelation,
} from "./fault-helpers";

const TARGETS = process.env.DATABASE_URL
  ? (["PGlite", "PostgreSQL"] as const)
  : (["PGlite"] as const);
const CONCURRENCY = 6;

describe.each(TARGETS)(
  "an app process killed with SIGKILL in the middle of a storm (%s)",
  (label) => {
    it("loses no acknowledged alert and duplicates no incident after restart", async () => {
      const started = performance.now();
      const log = (step: string) =>
        process.stderr.write(
          `[${label} +${((performance.now() - started) / 1000).toFixed(1)}s] ${step}\n`,
        );
      const target = await createTarget(label);
      const port = label === "PGlite" ? 3411 : 3412;
      const storm = generateStorm({
        alertCount: 3_000,
        start: new Date(),
        maxAlertsPerDelivery: 10,
      });
      let server = await startAppServer({
        port,
        dataDir: target.dataDir,
        databaseUrl: target.databaseUrl,
        env: SERVER_ENV,
      });
      const token = await createIntegrationViaApi(server.baseUrl, ADMIN_TOKEN, "alertmanager");

      // Send with several connections at once; kill the server when a third has been acknowledged.
      const outcomes: DeliveryOutcome[] = [];
      const queue = [...storm.deliveries];
      let killed = false;
      const killAfter = Math.floor(storm.deliveries.length / 3);
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let delivery = queue.shift(); delivery && !killed; delivery = queue.shift()) {
            const outcome = await sendDelivery(server.baseUrl, token, delivery);
            outcomes.push(outcome);
            if (!killed && outcomes.filter((o) => o.status === 202).length >= killAfter) {
              killed = true;
              server.process.kill("SIGKILL");
            }
          }
        }),
      );
      await server.stop("SIGKILL");
      log(`killed after ${outcomes.length} deliveries`);
      const acknowledged = outcomes.filter((outcome) => outcome.status === 202);
      expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
      expect(acknowledged.length).toBeLessThan(storm.deliveries.length);

      // Every alert that got a 2xx survived the kill.
      const survivor = await openTarget(target);
      const storedAfterKill = new Set(await storedAlertKeys(survivor));
      await survivor.close();
      const lost = acknowledged
        .flatMap((outcome) => alertKeys(outcome.delivery))
        .filter((key) => !storedAfterKill.has(key));
      expect(lost).toEqual([]);

      // A new process on the same data; senders retry what was not acknowledged, and redeliver some that was.
      server = await startAppServer({
        port,
        dataDir: target.dataDir,
        databaseUrl: target.databaseUrl,
        env: SERVER_ENV,
      });
      const toRetry = storm.deliveries.filter(
        (delivery) => !acknowledged.some((outcome) => outcome.delivery === delivery),
      );
      for (const delivery of [
        ...toRetry,
        ...acknowledged.slice(0, 20).map((outcome) => outcome.delivery),
      ]) {
        expect((await sendDelivery(server.baseUrl, token, delivery)).status).toBe(202);
      }
      log("resent");
      await waitForCorrelation(server.baseUrl, storm.alertCount);
      log("correlated");
      await server.stop();

      const db = await openTarget(target);
      try {
        const alerts = await db.prisma.alert.findMany({
          select: { incidentId: true, service: { select: { slug: true } } },
        });
        expect(alerts).toHaveLength(storm.alertCount);
        expect(alerts.every((alert) => alert.incidentId !== null)).toBe(true);
        // Never the storm twice: its alerts share one incident. Which of its alerts opened it (and
        // so the title) depends on which of the concurrent first deliveries was stored first.
        const stormServices = new Set(ORDER_SERVICE_STORM.map((alert) => alert.service));
        const stormIncidents = new Set(
          alerts
            .filter((alert) => stormServices.has(alert.service.slug))
            .map((alert) => alert.incidentId),
        );
        expect(stormIncidents.size).toBe(1);
        // The storm and at most the two unrelated alerts' incidents.
        expect(await db.prisma.incident.count()).toBeLessThanOrEqual(3);
      } finally {
        await db.close();
      }
    }, 240_000);
  },
);
