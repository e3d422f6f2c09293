import { assignGroupFolds, splitFold } from "./assign-group-folds";
import { computeLogLoss } from "./compute-log-loss";
import { fitLogistic, predictLogistic } from "./fit-logistic";
import { selectRows, type TDesignMatrix, toDesignMatrix } from "./to-design-matrix";

/** 1e-4 … 1e2, log-spaced (the penalty is against the mean log loss). */
export const DEFAULT_LAMBDA_GRID = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100];

export type TLambdaChoice = { lambda: number; scores: { lambda: number; logLoss: number }[] };

/**
 * k-fold cross-validation with whole groups in one fold: the lambda with the least mean
 * out-of-fold log loss (ties go to the larger, simpler lambda).
 */
export function chooseLambda(
  rows: number[][] | TDesignMatrix,
  labels: ArrayLike<number>,
  groups: readonly string[],
  options: { grid?: number[]; folds?: number } = {},
): TLambdaChoice {
  const matrix = Array.isArray(rows) ? toDesignMatrix(rows) : rows;
  const { grid = DEFAULT_LAMBDA_GRID, folds = 5 } = options;
  if (new Set(groups).size < folds) {
    throw new Error(`chooseLambda: need at least ${folds} groups for ${folds}-fold validation`);
  }
  const foldOfRow = assignGroupFolds(groups, folds);
  // Largest lambda first: each fit warm-starts the next, less penalised one.
  const descending = [...grid].sort((a, b) => b - a);
  const totals = new Map<number, number>(descending.map((lambda) => [lambda, 0]));
  for (let fold = 0; fold < folds; fold++) {
    const { inside, outside } = splitFold(foldOfRow, fold);
    const train = selectRows(matrix, outside);
    const test = selectRows(matrix, inside);
    const trainLabels = Float64Array.from(outside, (i) => labels[i] ?? 0);
    const testLabels = Float64Array.from(inside, (i) => labels[i] ?? 0);
    let start: { weights: number[]; intercept: number } | undefined;
    for (const lambda of descending) {
      const fit = fitLogistic(train, trainLabels, { lambda, start });
      start = fit;
      const loss = computeLogLoss(predictLogistic(fit, test), testLabels);
      totals.set(lambda, (totals.get(lambda) ?? 0) + loss / folds);
    }
  }
  const scores = grid.map((lambda) => ({ lambda, logLoss: totals.get(lambda) ?? Number.NaN }));
  let best = scores[0];
  for (const score of scores) {
    if (!best || score.logLoss < best.logLoss - 1e-12) best = score;
    else if (Math.abs(score.logLoss - best.logLoss) <= 1e-12 && score.lambda > best.lambda)
      best = score;
  }
  if (!best) throw new Error("chooseLambda: empty grid");
  return { lambda: best.lambda, scores };
}
