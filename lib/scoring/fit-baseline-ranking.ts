import { applyCalibrator } from "./apply-calibrator";
import { computeLogLoss } from "./compute-log-loss";
import { fitLogistic, predictLogistic } from "./fit-logistic";
import { fitPlatt } from "./fit-platt";
import type { TCalibrator, TLogisticFit } from "./schemas";
import type { TDesignMatrix } from "./to-design-matrix";

export type TBaselineRanking = {
  featureIndex: number;
  fit: TLogisticFit;
  calibrator: TCalibrator;
};

/**
 * The simple baseline the model must beat: the one (standardised) feature whose univariate
 * logistic fit has the least training log loss, calibrated by Platt on the calibration part.
 */
export function fitBaselineRanking(
  train: { matrix: TDesignMatrix; labels: Float64Array },
  calibrate: { matrix: TDesignMatrix; labels: Float64Array },
): TBaselineRanking {
  let best: { featureIndex: number; fit: TLogisticFit; logLoss: number } | null = null;
  for (let j = 0; j < train.matrix.cols; j++) {
    const column = columnOf(train.matrix, j);
    const fit = fitLogistic(column, train.labels, { lambda: 1e-6 });
    const logLoss = computeLogLoss(predictLogistic(fit, column), train.labels);
    if (!best || logLoss < best.logLoss) best = { featureIndex: j, fit, logLoss };
  }
  if (!best) throw new Error("fitBaselineRanking: no features");
  const calibrationScores = predictLogistic(
    best.fit,
    columnOf(calibrate.matrix, best.featureIndex),
  );
  return {
    featureIndex: best.featureIndex,
    fit: best.fit,
    calibrator: fitPlatt(calibrationScores, calibrate.labels),
  };
}

/** The baseline's calibrated probabilities for a (standardised) matrix. */
export function predictBaselineRanking(
  baseline: TBaselineRanking,
  matrix: TDesignMatrix,
): Float64Array {
  return predictLogistic(baseline.fit, columnOf(matrix, baseline.featureIndex)).map((p) =>
    applyCalibrator(baseline.calibrator, p),
  );
}

function columnOf(matrix: TDesignMatrix, j: number): TDesignMatrix {
  const values = new Float64Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) values[i] = matrix.values[i * matrix.cols + j] ?? 0;
  return { values, rows: matrix.rows, cols: 1 };
}
