import fs from "node:fs";
import nodePath from "node:path";
import { getCliContext } from "../lib/auth/get-cli-context";
import { loadTrainingRows } from "../lib/scoring/load-training-rows";
import { readFeatureCsv, type TFeatureCsv } from "../lib/scoring/read-feature-csv";
import type { TFeatureRow, TModelSource, TTrainReport } from "../lib/scoring/schemas";
import { storeModelVersion } from "../lib/scoring/store-model-version";
import { trainModel } from "../lib/scoring/train-model";
import { createProgressBar } from "./lib/progress-bar";
import { readCommandArgs, UsageError } from "./lib/read-cli-input";
import { readCsvFile } from "./lib/read-csv-file";
import { readExcludeOption } from "./lib/read-model-options";

// Fixed, so training the same rows twice gives the same version.
const TRAIN_SEED = 1;

type TTrainInput = { rows: TFeatureRow[]; featureNames: string[]; source: TModelSource };

/** `faultline model train`: from the stored history, or from a feature table. */
export function prepareModelTrain(args: string[]): () => Promise<void> {
  const { values, positionals } = readCommandArgs(args, {
    "from-csv": { type: "string" },
    group: { type: "string" },
    time: { type: "string" },
    label: { type: "string" },
    exclude: { type: "string", multiple: true },
    report: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(`model train takes no argument "${positionals[0]}"`);
  const exclude = readExcludeOption(values.exclude);
  const csvPath = values["from-csv"];
  let fromCsv: TTrainInput | undefined;
  if (csvPath !== undefined) {
    const missing = (["group", "time", "label"] as const).filter((name) => !values[name]);
    if (missing.length > 0) {
      throw new UsageError(
        `--from-csv needs ${missing.map((name) => `--${name} COL`).join(", ")}: which column holds the incident, its start time and the confirmed cause`,
      );
    }
    const table = readFeatureCsv(readCsvFile(csvPath), {
      group: values.group ?? "",
      time: values.time,
      label: values.label,
      exclude,
    });
    describeTableNotes(table);
    fromCsv = {
      rows: table.rows,
      featureNames: table.featureNames,
      source: `csv:${nodePath.basename(csvPath)}`,
    };
  } else if (values.group || values.time || values.label) {
    throw new UsageError("--group, --time and --label describe a --from-csv table");
  }
  return async () => {
    const input = fromCsv ?? (await loadDatabaseInput(exclude));
    const groups = new Set(input.rows.map((row) => row.group)).size;
    console.error(
      `training on ${input.rows.length} hypotheses of ${groups} incidents, ${input.featureNames.length} features (${input.source})`,
    );
    const bar = createProgressBar();
    const trained = trainModel(input.rows, {
      featureNames: input.featureNames,
      seed: TRAIN_SEED,
      onProgress: (step, fraction) => bar.update(step, fraction),
    });
    bar.done();
    const version = await storeModelVersion({
      trained,
      source: input.source,
      createdBy: getCliContext().actor.label,
    });
    if (values.report) {
      fs.writeFileSync(values.report, `${JSON.stringify(trained.report, null, 2)}\n`);
    }
    console.log(describeTrainSummary(version.id, trained.report));
    if (values.report) console.log(`report written to ${values.report}`);
    console.log(`not promoted yet: faultline model promote ${version.id}`);
  };
}

async function loadDatabaseInput(exclude: string[]): Promise<TTrainInput> {
  const rows = await loadTrainingRows();
  if (rows.length === 0) {
    throw new UsageError(
      "The database holds no training history yet (resolved incidents with a confirmed cause); train --from-csv FILE instead",
    );
  }
  const names = new Set(rows.flatMap((row) => Object.keys(row.features)));
  for (const name of exclude) {
    if (!names.has(name))
      throw new UsageError(`--exclude: no feature "${name}" in the stored history`);
  }
  return {
    rows,
    featureNames: [...names].filter((name) => !exclude.includes(name)).sort(),
    source: "database",
  };
}

function describeTableNotes(table: TFeatureCsv): void {
  for (const skipped of table.skippedColumns) {
    console.error(
      `note: column "${skipped.column}" is not a feature: line ${skipped.line} has "${skipped.value}", not a number`,
    );
  }
  for (const [column, count] of Object.entries(table.emptyCells)) {
    console.error(`note: column "${column}" has ${count} empty cell(s), read as 0`);
  }
}

function describeTrainSummary(id: number, report: TTrainReport): string {
  const { calibrated, uncalibrated } = report.heldOut;
  const held = report.windows.heldOut;
  return [
    `model version #${id}: ${report.calibrator} calibration, lambda ${report.lambda}`,
    `held out: ${held.groups} incidents (${held.rows} hypotheses), ${held.from} → ${held.to}`,
    `  ECE      ${calibrated.eceEqualWidth.toFixed(4)} (equal-width), ${calibrated.eceEqualMass.toFixed(4)} (equal-mass)`,
    `  Brier    ${uncalibrated.brier.toFixed(4)} before calibration, ${calibrated.brier.toFixed(4)} after`,
    `  top-1    ${(calibrated.top1 * 100).toFixed(1)}%   top-3 ${(calibrated.top3 * 100).toFixed(1)}%`,
  ].join("\n");
}
