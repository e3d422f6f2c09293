// How long one Alertmanager delivery of 12 alerts takes to be acknowledged (durably stored, 2xx),
// sequentially, on PGlite and on PostgreSQL. Needs `npm run build` first.
//   npx tsx bench/ack-latency.ts [--requests 300]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createIntegrationViaApi } from "../scripts/lib/app-server";
import {
  BENCH_ADMIN_TOKEN,
  formatMs,
  measureOnBothDatabases,
  percentile,
  startServer,
} from "./lib/server";

const { values } = parseArgs({ options: { requests: { type: "string", default: "300" } } });
const REQUESTS = Number(values.requests);
const WARMUP = 20;
const fixture = JSON.parse(
  fs.readFileSync("test/fixtures/webhooks/alertmanager/firing_12_alerts.json", "utf8"),
);

/** Each request carries 12 new alerts (a new startsAt), as a real storm would. */
function payloadFor(round: number): string {
  const startsAt = new Date(Date.UTC(2026, 0, 1) + round * 1000).toISOString();
  return JSON.stringify({
    ...fixture,
    alerts: fixture.alerts.map((alert: object) => ({ ...alert, startsAt })),
  });
}

async function measure(databaseUrl: string | undefined, port: number): Promise<void> {
  const server = await startServer({ port, databaseUrl });
  try {
    const token = await createIntegrationViaApi(server.baseUrl, BENCH_ADMIN_TOKEN, "alertmanager");
    const latencies: number[] = [];
    for (let round = 0; round < WARMUP + REQUESTS; round++) {
      const body = payloadFor(round);
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}/api/webhooks/alertmanager`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      if (response.status !== 202) throw new Error(`unexpected status ${response.status}`);
      if (round >= WARMUP) latencies.push(elapsed);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `${server.label.padEnd(10)} 12-alert delivery, ${REQUESTS} sequential: ` +
        `p50 ${formatMs(percentile(latencies, 50))}, p95 ${formatMs(percentile(latencies, 95))}, ` +
        `p99 ${formatMs(percentile(latencies, 99))}, max ${formatMs(latencies.at(-1) ?? Number.NaN)}`,
    );
  } finally {
    await server.stop();
  }
}

await measureOnBothDatabases(measure, [3301, 3302]);
