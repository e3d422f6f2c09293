// Remediations over HTTP against the production build, on PGlite and on PostgreSQL: the
// suggested remediations of an incident (GET, recomputed against the stored versions each time)
// and a dry-run apply (POST, hash-pinned, with its audit, timeline and verification job).
// Targets: p95 ≤ 100 ms each. Needs `npm run build` first.
//   npx tsx bench/remediations.ts [--incidents 20] [--reads 200] [--applies 100]
import { parseArgs } from "node:util";
import { buildAlertmanagerPayload } from "../lib/scenarios/alertmanager-payload";
import { buildOrderServiceRelease } from "../lib/scenarios/order-service-release";
import { createIntegrationViaApi } from "../scripts/lib/app-server";
import {
  BENCH_ADMIN_TOKEN,
  formatMs,
  measureOnBothDatabases,
  percentile,
  startServer,
} from "./lib/server";

const { values } = parseArgs({
  options: {
    incidents: { type: "string", default: "20" },
    reads: { type: "string", default: "200" },
    applies: { type: "string", default: "100" },
  },
});
const INCIDENTS = Number(values.incidents);
const READS = Number(values.reads);
const APPLIES = Number(values.applies);
const WARMUP = 10;
const ADMIN = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, "content-type": "application/json" };

/** The parts of the API's answers the bench reads. */
type TAnswer = {
  incidents: { id: number; title: string }[];
  remediations: unknown[];
  remediation: { id: number; diffHash: string };
  apply: { status: string };
};

async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: TAnswer }> {
  const response = await fetch(url, { ...init, headers: { ...ADMIN, ...init.headers } });
  return { status: response.status, body: await response.json() };
}

/** Times `fn` `count` times after a warm-up; returns sorted milliseconds. */
async function time(count: number, fn: (round: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < WARMUP + count; round++) {
    const started = performance.now();
    await fn(round);
    if (round >= WARMUP) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** N services with the demo's v41/v42 release and an alert each: N incidents to remediate. */
async function seedIncidents(baseUrl: string): Promise<number[]> {
  const changes = await createIntegrationViaApi(baseUrl, BENCH_ADMIN_TOKEN, "changes");
  const alerts = await createIntegrationViaApi(baseUrl, BENCH_ADMIN_TOKEN, "alertmanager");
  const now = Date.now();
  for (let i = 0; i < INCIDENTS; i++) {
    const service = `bench-order-${i}`;
    for (const [version, minutesAgo] of [
      ["v41", 3 * 24 * 60],
      ["v42", 4],
    ] as const) {
      const answer = await call(`${baseUrl}/api/changes`, {
        method: "POST",
        headers: { authorization: `Bearer ${changes}` },
        body: JSON.stringify({
          service,
          kind: "deploy",
          version,
          at: new Date(now - minutesAgo * 60_000).toISOString(),
          files: buildOrderServiceRelease(version),
        }),
      });
      if (answer.status !== 201) throw new Error(`/api/changes answered ${answer.status}`);
    }
    const payload = buildAlertmanagerPayload(
      [
        {
          labels: { alertname: "HighErrorRate", service, severity: "critical" },
          startsAt: new Date(now),
        },
      ],
      { groupLabels: { service } },
    );
    await call(`${baseUrl}/api/webhooks/alertmanager`, {
      method: "POST",
      headers: { authorization: `Bearer ${alerts}` },
      body: JSON.stringify(payload),
    });
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const { body } = await call(`${baseUrl}/api/incidents?status=open&limit=500`);
    const ids = body.incidents
      .filter((incident) => incident.title.includes("bench-order-"))
      .map((incident) => incident.id);
    if (ids.length >= INCIDENTS) return ids;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the incidents did not open");
}

async function measure(databaseUrl: string | undefined, port: number): Promise<void> {
  const server = await startServer({ port, databaseUrl });
  try {
    process.stdout.write(`${server.label}: seeding ${INCIDENTS} incidents… `);
    const ids = await seedIncidents(server.baseUrl);
    console.log("done");
    const reads = await time(READS, async (round) => {
      const id = ids[round % ids.length];
      const answer = await call(`${server.baseUrl}/api/incidents/${id}/remediations`);
      if (answer.status !== 200 || answer.body.remediations.length === 0)
        throw new Error(`remediations answered ${answer.status}`);
    });
    // Each apply needs a hash not applied yet: a by-hand scale to a new replica count.
    const applies: number[] = [];
    for (let round = 0; round < WARMUP + APPLIES; round++) {
      const id = ids[round % ids.length];
      const created = await call(`${server.baseUrl}/api/incidents/${id}/remediations`, {
        method: "POST",
        body: JSON.stringify({
          kind: "scale",
          service: `bench-order-${ids.indexOf(id as number)}`,
          workload: "order-service",
          replicas: 4 + round,
        }),
      });
      if (created.status !== 201) throw new Error(`preview answered ${created.status}`);
      const { id: remediationId, diffHash } = created.body.remediation;
      const started = performance.now();
      const applied = await call(`${server.baseUrl}/api/remediations/${remediationId}/apply`, {
        method: "POST",
        body: JSON.stringify({ diffHash }),
      });
      const elapsed = performance.now() - started;
      if (applied.status !== 200 || applied.body.apply.status !== "dry-run")
        throw new Error(`apply answered ${applied.status}`);
      if (round >= WARMUP) applies.push(elapsed);
    }
    applies.sort((a, b) => a - b);
    const line = (what: string, times: number[]) =>
      `${server.label.padEnd(10)} ${what}, ${times.length} sequential: p50 ${formatMs(percentile(times, 50))}, ` +
      `p95 ${formatMs(percentile(times, 95))}, max ${formatMs(times.at(-1) ?? Number.NaN)} (target p95 ≤ 100 ms)`;
    console.log(line("GET /api/incidents/:id/remediations", reads));
    console.log(line("POST /api/remediations/:id/apply (dry run)", applies));
  } finally {
    await server.stop();
  }
}

await measureOnBothDatabases(measure, [3311, 3312]);
