import { describe, expect, it } from "vitest";
import { generateStorm } from "../../lib/scenarios/generate-storm";
import { createIntegrationViaApi, startAppServer } from "../../scripts/lib/app-server";
import {
  ADMIN_TOKEN,
  createTarget,
  openTarget,
  SERVER_ENV,
  sendDelivery,
  waitForCorrelation,
} from "./fault-helpers";

// Two processes need a database both reach: PostgreSQL. Without one (PGlite: one process per data
// directory) a single process gets every delivery twice at once, the same race inside one process.
const VARIANT = process.env.DATABASE_URL
  ? {
      label: "PostgreSQL" as const,
      ports: [3414, 3415],
      what: "two app processes on one PostgreSQL",
    }
  : { label: "PGlite" as const, ports: [3414], what: "one app process on PGlite" };

describe(`${VARIANT.what} receiving the same storm twice at once`, () => {
  it("store each alert once and open each incident once", async () => {
    const target = await createTarget(VARIANT.label);
    const servers = await Promise.all(
      VARIANT.ports.map((port) =>
        startAppServer({
          port,
          dataDir: target.dataDir,
          databaseUrl: target.databaseUrl,
          env: SERVER_ENV,
        }),
      ),
    );
    const baseUrlOf = (replica: number) => servers[replica % servers.length]?.baseUrl ?? "";
    let storm: ReturnType<typeof generateStorm>;
    try {
      const token = await createIntegrationViaApi(baseUrlOf(0), ADMIN_TOKEN, "alertmanager");
      storm = generateStorm({ alertCount: 1_000, start: new Date(), maxAlertsPerDelivery: 20 });
      // Every delivery goes out twice at the same moment, as from two Alertmanager replicas.
      for (const delivery of storm.deliveries) {
        const outcomes = await Promise.all(
          [0, 1].map((replica) => sendDelivery(baseUrlOf(replica), token, delivery)),
        );
        expect(outcomes.map((outcome) => outcome.status)).toEqual([202, 202]);
      }
      await waitForCorrelation(baseUrlOf(0), storm.alertCount);
    } finally {
      // Stopped before the database is opened here: PGlite allows one process at a time.
      await Promise.all(servers.map((server) => server.stop()));
    }
    const db = await openTarget(target);
    try {
      expect(await db.prisma.alert.count({ where: { incidentId: null } })).toBe(0);
      expect(await db.prisma.alert.count()).toBe(storm.alertCount);
      expect(await db.prisma.rawDelivery.count()).toBe(storm.deliveries.length * 2);
      expect(await db.prisma.incident.count()).toBeLessThanOrEqual(3);
    } finally {
      await db.close();
    }
  }, 180_000);
});
