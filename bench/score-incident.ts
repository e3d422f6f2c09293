// Scoring the demo's order-service incident in-process on the embedded database, after six
// months of simulated history, a trained and promoted model: the pure ranking (rankHypotheses on
// the loaded candidates; target "scoring one incident ≤ 10 ms p95") and the whole scoreIncident
// (candidates loaded from the blast radius, ranked, hypotheses replaced), with its parts.
//   npx tsx bench/score-incident.ts [--runs 500]
import os from "node:os";
import { parseArgs } from "node:util";
import { closeDb, openDatabase, setDb } from "../lib/db";
import { migrateDatabase } from "../lib/migrations/migrate-database";
import { getPromotedModel } from "../lib/scoring/get-promoted-model";
import { loadIncidentCandidates } from "../lib/scoring/load-incident-candidates";
import { rankHypotheses } from "../lib/scoring/rank-hypotheses";
import { scoreIncident } from "../lib/scoring/score-incident";
import { seedScoredIncident } from "./lib/seed-scored-incident";
import { formatMs, percentile } from "./lib/server";

const { values } = parseArgs({ options: { runs: { type: "string", default: "500" } } });
const RUNS = Number(values.runs);
const WARMUP = 20;
const TARGET_MS = 10;

/** Times `fn` `RUNS` times after a warm-up; returns sorted milliseconds. */
async function time(fn: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < WARMUP + RUNS; round++) {
    const started = performance.now();
    await fn();
    if (round >= WARMUP) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function line(what: string, times: number[], target?: number): string {
  const p95 = percentile(times, 95);
  const verdict =
    target === undefined ? "" : ` (target ≤ ${target} ms: ${p95 <= target ? "met" : "NOT met"})`;
  return (
    `${what}: p50 ${formatMs(percentile(times, 50))}, p95 ${formatMs(p95)}, ` +
    `max ${formatMs(times.at(-1) ?? Number.NaN)}${verdict}`
  );
}

const db = await openDatabase({ kind: "pglite", dataDir: null });
setDb(db);
try {
  await migrateDatabase(db);
  const now = new Date();
  const seedStarted = performance.now();
  const seeded = await seedScoredIncident(now);
  console.log(
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}; seeded, ` +
      `${seeded.historyRows} history rows, trained and promoted in ` +
      `${((performance.now() - seedStarted) / 1000).toFixed(1)} s; ${RUNS} runs after ${WARMUP} warm-up`,
  );
  const loaded = await loadIncidentCandidates(seeded.incidentId, now);
  const model = await getPromotedModel();
  if (!model) throw new Error("no promoted model");
  const n = loaded.candidates.length;
  const ranking = await time(() => rankHypotheses({ ...loaded, parameters: model.parameters }));
  console.log(line(`rankHypotheses, ${n} candidates`, ranking, TARGET_MS));
  console.log(
    line(
      `scoreIncident (I/O included), ${n} candidates`,
      await time(() => scoreIncident(seeded.incidentId, now)),
    ),
  );
  // Where scoreIncident's time goes.
  console.log(
    line(
      "  of which loadIncidentCandidates",
      await time(() => loadIncidentCandidates(seeded.incidentId, now)),
    ),
  );
  console.log(line("  of which getPromotedModel", await time(() => getPromotedModel())));
} finally {
  await closeDb();
}
