import { applyCalibrator } from "./apply-calibrator";
import { chooseCalibrator } from "./choose-calibrator";
import { chooseLambda } from "./choose-lambda";
import { computeMetrics } from "./compute-metrics";
import { fitBaselineRanking, predictBaselineRanking } from "./fit-baseline-ranking";
import { fitLogistic, predictLogistic } from "./fit-logistic";
import { applyScalerInPlace, fitScaler } from "./fit-scaler";
import type { TFeatureRow, TTrainedModel } from "./schemas";
import { splitByTime } from "./split-by-time";
import { type TDesignMatrix, toFeatureMatrix } from "./to-design-matrix";

export type TTrainOptions = {
  /** Model columns; by default every feature key of the rows, sorted. */
  featureNames?: string[];
  /** Seeds the bootstrap intervals of the report. */
  seed?: number;
  onProgress?: (step: string, fraction: number) => void;
};

/** Each part needs this many incidents: 5-fold cross-validation keeps whole incidents per fold. */
export const MIN_GROUPS_PER_PART = 5;

/**
 * Trains the root-cause model offline. Split by time (oldest trains, next calibrates, newest is
 * held out); scaler, lambda (group-wise CV) and weights from the training part; calibrator from
 * the calibration part; only then the held-out report. A feature a row lacks counts as 0.
 */
export function trainModel(rows: TFeatureRow[], options: TTrainOptions = {}): TTrainedModel {
  const { seed = 1, onProgress = () => {} } = options;
  const featureNames = options.featureNames ?? listFeatureNames(rows);
  if (featureNames.length === 0) throw new Error("trainModel: no features to train on");
  if (rows.some((row) => row.label === null)) {
    throw new Error("trainModel: every training row needs a label (0 or 1)");
  }
  onProgress("split", 0);
  const split = splitByTime(rows);
  const train = preparePart("training", split.train, featureNames);
  const calibrate = preparePart("calibration", split.calibrate, featureNames);
  const heldOut = preparePart("held-out", split.heldOut, featureNames);

  onProgress("scale", 0.05);
  const scaler = fitScaler(train.matrix);
  for (const part of [train, calibrate, heldOut]) applyScalerInPlace(scaler, part.matrix);

  onProgress("cross-validate", 0.1);
  const choice = chooseLambda(train.matrix, train.labels, train.groups);
  onProgress("fit", 0.6);
  const fit = fitLogistic(train.matrix, train.labels, { lambda: choice.lambda });

  onProgress("calibrate", 0.7);
  const calibrationScores = predictLogistic(fit, calibrate.matrix);
  const calibration = chooseCalibrator(calibrationScores, calibrate.labels, calibrate.groups);
  onProgress("baseline", 0.8);
  const baseline = fitBaselineRanking(train, calibrate);

  // Nothing above has looked at the held-out part.
  onProgress("evaluate", 0.85);
  const uncalibrated = predictLogistic(fit, heldOut.matrix);
  const calibrated = uncalibrated.map((p) => applyCalibrator(calibration.calibrator, p));
  const trainRate = train.labels.reduce((sum, y) => sum + y, 0) / train.labels.length;
  const metricsOf = (predicted: ArrayLike<number>) =>
    computeMetrics(predicted, heldOut.labels, heldOut.groups, { seed });
  const report = {
    featureNames,
    lambda: choice.lambda,
    calibrator: calibration.calibrator.kind,
    windows: split.windows,
    heldOut: {
      uncalibrated: metricsOf(uncalibrated),
      calibrated: metricsOf(calibrated),
      baseRate: metricsOf(new Float64Array(heldOut.labels.length).fill(trainRate)),
      baselineRanking: metricsOf(predictBaselineRanking(baseline, heldOut.matrix)),
    },
    calibration: {
      plattLogLoss: calibration.plattLogLoss,
      isotonicLogLoss: calibration.isotonicLogLoss,
    },
    baselineFeature: featureNames[baseline.featureIndex],
    crossValidation: choice.scores,
  };
  onProgress("done", 1);
  return {
    parameters: { featureNames, scaler, fit, calibrator: calibration.calibrator },
    report,
  };
}

/** Every feature key any row has, sorted: the default model columns. */
export function listFeatureNames(rows: readonly TFeatureRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row.features)) names.add(name);
  return [...names].sort();
}

type TPart = { matrix: TDesignMatrix; labels: Float64Array; groups: string[] };

function preparePart(name: string, rows: TFeatureRow[], featureNames: string[]): TPart {
  const groups = rows.map((row) => row.group);
  const groupCount = new Set(groups).size;
  if (groupCount < MIN_GROUPS_PER_PART) {
    throw new Error(
      `trainModel: the ${name} part has ${groupCount} incidents; each part needs at least ${MIN_GROUPS_PER_PART}`,
    );
  }
  const labels = Float64Array.from(rows, (row) => (row.label === 1 ? 1 : 0));
  if (!labels.includes(1)) {
    throw new Error(`trainModel: the ${name} part has no confirmed cause (no row labelled 1)`);
  }
  return {
    matrix: toFeatureMatrix(
      rows.map((row) => row.features),
      featureNames,
    ),
    labels,
    groups,
  };
}
