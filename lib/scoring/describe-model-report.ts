import type { TDrift } from "./compute-drift";
import type { TMetrics, TModelVersion, TTrainReport } from "./schemas";

const COLUMNS: [string, (metrics: TMetrics) => string][] = [
  ["ECE (width)", (m) => fixed(m.eceEqualWidth)],
  ["ECE (mass)", (m) => fixed(m.eceEqualMass)],
  ["MCE", (m) => fixed(m.mce)],
  ["Brier", (m) => fixed(m.brier)],
  ["log loss", (m) => fixed(m.logLoss)],
  ["top-1", (m) => percent(m.top1)],
  ["top-3", (m) => percent(m.top3)],
];

/** Drift as the calibration page shows it: each watched figure held out, since, its interval. */
export function describeDrift(drift: TDrift | null, heldOut: TMetrics): string {
  if (!drift)
    return "drift: fewer than 5 incidents with a confirmed root cause since the held-out window";
  const keys = ["eceEqualWidth", "brier", "logLoss", "top1"] as const;
  const rows = keys.map((key) => [
    key,
    fixed(heldOut[key]),
    fixed(drift.metrics[key]),
    `${fixed(drift.intervals[key][0])} – ${fixed(drift.intervals[key][1])}`,
    drift.flagged.includes(key) ? "WORSE: retrain" : "ok",
  ]);
  return [
    `drift on ${drift.metrics.groups} incidents confirmed since ${drift.since}:`,
    ...formatTable([["", "held out", "since", "95% interval", ""], ...rows]),
  ].join("\n");
}

/** The held-out metrics as a table, one forecaster a row, then the reliability bins. */
export function describeModelReport(report: TTrainReport): string {
  const { heldOut, windows } = report;
  const forecasters: [string, TMetrics][] = [
    ["calibrated", heldOut.calibrated],
    ["uncalibrated", heldOut.uncalibrated],
    ["base rate", heldOut.baseRate],
    ["baseline ranking", heldOut.baselineRanking],
  ];
  const header = ["", ...COLUMNS.map(([name]) => name)];
  const rows = forecasters.map(([name, metrics]) => [
    name,
    ...COLUMNS.map(([, cell]) => cell(metrics)),
  ]);
  const window = (name: string, w: TTrainReport["windows"]["train"]) =>
    `  ${name.padEnd(10)} ${w.from} → ${w.to}  ${w.groups} incidents, ${w.rows} rows`;
  return [
    `features (${report.featureNames.length}): ${report.featureNames.join(", ")}`,
    `lambda ${report.lambda}, calibrator ${report.calibrator} (Platt log loss ${fixed(report.calibration.plattLogLoss)}` +
      `${report.calibration.isotonicLogLoss === null ? "" : `, isotonic ${fixed(report.calibration.isotonicLogLoss)}`})`,
    "windows:",
    window("train", windows.train),
    window("calibrate", windows.calibrate),
    window("held out", windows.heldOut),
    "",
    `held-out metrics (${heldOut.calibrated.groups} incidents, ${heldOut.calibrated.rows} hypotheses):`,
    ...formatTable([header, ...rows]),
    "",
    "reliability (calibrated, equal-width bins):",
    ...formatTable([
      ["bin", "count", "mean predicted", "observed", "95% interval"],
      ...heldOut.calibrated.reliability
        .filter((bin) => bin.count > 0)
        .map((bin) => [
          `${fixed(bin.lower, 2)}–${fixed(bin.upper, 2)}`,
          String(bin.count),
          fixed(bin.meanPredicted),
          fixed(bin.observedRate),
          `${fixed(bin.interval[0])}–${fixed(bin.interval[1])}`,
        ]),
    ]),
  ].join("\n");
}

/** One line per version, for `faultline model list`. */
export function describeModelVersionLine(version: TModelVersion): string {
  const calibrated = version.report.heldOut.calibrated;
  return (
    `${version.isPromoted ? "*" : " "} #${String(version.id).padEnd(5)} ${version.createdAt.toISOString()}  ` +
    `${version.source.padEnd(24)} ECE ${fixed(calibrated.eceEqualWidth)}  Brier ${fixed(calibrated.brier)}  ` +
    `top-1 ${percent(calibrated.top1)}  by ${version.createdBy}` +
    (version.isPromoted && version.promotedAt
      ? `  promoted ${version.promotedAt.toISOString()} by ${version.promotedBy ?? "?"}`
      : "")
  );
}

function formatTable(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? "").length)),
  );
  return rows.map(
    (row) =>
      `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ")}`,
  );
}

function fixed(value: number, digits = 4): string {
  return value.toFixed(digits);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
