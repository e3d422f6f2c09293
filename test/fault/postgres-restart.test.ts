import { describe, expect, it } from "vitest";
import { generateStorm } from "../../lib/scenarios/generate-storm";
import { createIntegrationViaApi, startAppServer } from "../../scripts/lib/app-server";
import {
  ADMIN_TOKEN,
  alertKeys,
  controlPostgres,
  createTarget,
  type DeliveryOutcome,
  openTarget,
  SERVER_ENV,
  sendDelivery,
  storedAlertKeys,
} from "./fault-helpers";

const OUTAGE_SECONDS = 4;

describe("PostgreSQL restarted while alerts keep arriving", () => {
  it("answers 503 with Retry-After during the outage, never 500, and keeps every acknowledged alert", async () => {
    const target = await createTarget("PostgreSQL");
    const server = await startAppServer({
      port: 3413,
      dataDir: target.dataDir,
      databaseUrl: target.databaseUrl,
      env: SERVER_ENV,
    });
    try {
      const token = await createIntegrationViaApi(server.baseUrl, ADMIN_TOKEN, "alertmanager");
      const storm = generateStorm({
        alertCount: 20_000,
        start: new Date(),
        maxAlertsPerDelivery: 5,
      });
      const outcomes: (DeliveryOutcome & { phase: "before" | "during" | "after" })[] = [];
      let phase: "before" | "during" | "after" = "before";
      let isSending = true;

      const sender = (async () => {
        for (const delivery of storm.deliveries) {
          if (!isSending) break;
          outcomes.push({ ...(await sendDelivery(server.baseUrl, token, delivery)), phase });
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      phase = "during";
      controlPostgres("stop");
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_SECONDS * 1000));
      controlPostgres("start");
      phase = "after";
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      isSending = false;
      await sender;
      process.stderr.write(
        `[postgres-restart] ${JSON.stringify(
          outcomes.reduce<Record<string, number>>((counts, outcome) => {
            const key = `${outcome.phase}:${outcome.status}`;
            counts[key] = (counts[key] ?? 0) + 1;
            return counts;
          }, {}),
        )}\n`,
      );

      const statuses = outcomes.map((outcome) => outcome.status);
      expect(statuses).not.toContain(500);
      expect(statuses).not.toContain("connection error");
      const unavailable = outcomes.filter((outcome) => outcome.status === 503);
      expect(unavailable.length).toBeGreaterThan(0);
      expect(unavailable.every((outcome) => outcome.retryAfter !== null)).toBe(true);
      expect(new Set(statuses)).toEqual(new Set([202, 503]));
      // Service comes back by itself once the database does.
      expect(outcomes.filter((outcome) => outcome.phase === "after").at(-1)?.status).toBe(202);

      const db = await openTarget(target);
      try {
        const stored = new Set(await storedAlertKeys(db));
        const acknowledged = outcomes.filter((outcome) => outcome.status === 202);
        expect(acknowledged.length).toBeGreaterThan(10);
        const lost = acknowledged
          .flatMap((outcome) => alertKeys(outcome.delivery))
          .filter((key) => !stored.has(key));
        expect(lost).toEqual([]);
      } finally {
        await db.close();
      }
    } finally {
      await server.stop();
      controlPostgres("start");
    }
  }, 120_000);
});
