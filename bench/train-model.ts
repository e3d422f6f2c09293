// trainModel end to end on synthetic history: 10,000 incidents of 10 candidates (100,000 rows),
// three informative features and five of noise, one confirmed cause per incident: split, CV of
// lambda, fit, calibrator choice and the held-out report. Target: ≤ 10 s.
//   npx tsx bench/train-model.ts [--groups 10000] [--candidates 10] [--seed 1]
import os from "node:os";
import { parseArgs } from "node:util";
import { generateSyntheticRows } from "../lib/scoring/generate-synthetic-rows";
import { trainModel } from "../lib/scoring/train-model";

const { values } = parseArgs({
  options: {
    groups: { type: "string", default: "10000" },
    candidates: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
  },
});
const GROUPS = Number(values.groups);
const CANDIDATES = Number(values.candidates);
const TARGET_SECONDS = 10;

const rows = generateSyntheticRows({
  groups: GROUPS,
  candidatesPerGroup: CANDIDATES,
  signals: [1.5, 1, 0.5],
  noiseFeatures: 5,
  seed: Number(values.seed),
});
const cpus = os.cpus();
console.log(
  `machine: ${cpus[0]?.model ?? "unknown cpu"} × ${cpus.length}, ${os.platform()} ${os.arch()}, node ${process.version}`,
);

const steps: string[] = [];
let stepStarted = performance.now();
let lastStep = "";
const started = performance.now();
const { parameters, report } = trainModel(rows, {
  seed: 1,
  onProgress: (step) => {
    const now = performance.now();
    if (lastStep) steps.push(`${lastStep} ${((now - stepStarted) / 1000).toFixed(2)} s`);
    lastStep = step;
    stepStarted = now;
  },
});
const seconds = (performance.now() - started) / 1000;

const format = (n: number) => n.toLocaleString("en-US");
console.log(
  `trainModel on ${format(rows.length)} rows (${format(GROUPS)} incidents): ${seconds.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s)`,
);
console.log(`  steps: ${steps.join(", ")}`);
console.log(
  `  lambda ${report.lambda}, ${parameters.fit.iterations} Newton iterations (converged: ${parameters.fit.converged}), calibrator ${report.calibrator}`,
);
const { calibrated, uncalibrated, baseRate, baselineRanking } = report.heldOut;
console.log(
  `  held-out (${format(calibrated.rows)} rows): ECE ${calibrated.eceEqualWidth.toFixed(4)} (equal-mass ${calibrated.eceEqualMass.toFixed(4)}), Brier ${calibrated.brier.toFixed(4)}, log loss ${calibrated.logLoss.toFixed(4)}, top-1 ${calibrated.top1.toFixed(3)}, top-3 ${calibrated.top3.toFixed(3)}`,
);
console.log(
  `  uncalibrated Brier ${uncalibrated.brier.toFixed(4)}; base rate Brier ${baseRate.brier.toFixed(4)}; baseline (${report.baselineFeature}) Brier ${baselineRanking.brier.toFixed(4)}, top-1 ${baselineRanking.top1.toFixed(3)}`,
);
console.log(`  target ≤ ${TARGET_SECONDS} s: ${seconds <= TARGET_SECONDS ? "met" : "MISSED"}`);
