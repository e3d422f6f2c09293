// npm run bench: every benchmark in turn, each printing its own figures. The ones that start
// the production build need `npm run build` first; the PostgreSQL figures need DATABASE_URL.
import { spawnSync } from "node:child_process";

const BENCHES = [
  "bench/blast-radius.ts",
  "bench/train-model.ts",
  "bench/score-incident.ts",
  "bench/semantic-diff.ts",
  "bench/remediations.ts",
  "bench/ack-latency.ts",
  "bench/map-render.ts",
  "bench/incident-page.ts",
  "bench/ingest.ts",
  "bench/demo-cold-start.ts",
];

const failed: string[] = [];
for (const bench of BENCHES) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync("npx", ["tsx", bench], { stdio: "inherit" });
  if (result.status !== 0) failed.push(bench);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
