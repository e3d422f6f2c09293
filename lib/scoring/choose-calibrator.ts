import { applyCalibrator } from "./apply-calibrator";
import { assignGroupFolds, splitFold } from "./assign-group-folds";
import { computeLogLoss } from "./compute-log-loss";
import { fitIsotonic } from "./fit-isotonic";
import { fitPlatt } from "./fit-platt";
import type { TCalibrator } from "./schemas";

export type TCalibratorChoice = {
  calibrator: Extract<TCalibrator, { kind: "platt" | "isotonic" }>;
  /** Cross-validated (by group) log loss of each candidate on the calibration part. */
  plattLogLoss: number;
  /** Null when the part is too small to try isotonic. */
  isotonicLogLoss: number | null;
};

/** Isotonic overfits small samples: it is only tried from this size up. */
export const ISOTONIC_MIN_ROWS = 1_000;
export const ISOTONIC_MIN_POSITIVES = 50;

/**
 * Platt, or isotonic when the calibration part is large enough and its group-wise
 * cross-validated log loss is lower. The chosen kind is refitted on the whole part.
 */
export function chooseCalibrator(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: readonly string[],
  options: { folds?: number } = {},
): TCalibratorChoice {
  const folds = Math.min(options.folds ?? 5, new Set(groups).size);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const isLarge = scores.length >= ISOTONIC_MIN_ROWS && positives >= ISOTONIC_MIN_POSITIVES;
  const plattLogLoss = crossValidate(scores, labels, groups, folds, fitPlatt);
  const isotonicLogLoss = isLarge
    ? crossValidate(scores, labels, groups, folds, fitIsotonic)
    : null;
  const calibrator =
    isotonicLogLoss !== null && isotonicLogLoss < plattLogLoss
      ? fitIsotonic(scores, labels)
      : fitPlatt(scores, labels);
  return { calibrator, plattLogLoss, isotonicLogLoss };
}

/** Out-of-fold log loss over all rows, each predicted by a calibrator fitted without its group. */
function crossValidate(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: readonly string[],
  folds: number,
  fitCalibrator: (scores: Float64Array, labels: Float64Array) => TCalibrator,
): number {
  if (folds < 2)
    return computeLogLoss(
      Array.from(scores, (s) => s),
      labels,
    );
  const foldOfRow = assignGroupFolds(groups, folds);
  const predicted = new Float64Array(scores.length);
  for (let fold = 0; fold < folds; fold++) {
    const { inside, outside } = splitFold(foldOfRow, fold);
    const calibrator = fitCalibrator(
      Float64Array.from(outside, (i) => scores[i] ?? 0),
      Float64Array.from(outside, (i) => labels[i] ?? 0),
    );
    for (const i of inside) predicted[i] = applyCalibrator(calibrator, scores[i] ?? 0);
  }
  return computeLogLoss(predicted, labels);
}
