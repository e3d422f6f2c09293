import { binOf, computeCalibrationError } from "./compute-calibration-error";
import { computeLogLoss } from "./compute-log-loss";
import { computeReliabilityBins } from "./compute-reliability-bins";
import { computeTopKAccuracy } from "./compute-top-k-accuracy";
import type { TMetrics } from "./schemas";

/** Every figure of the calibration report for one forecaster on one part of the data. */
export function computeMetrics(
  predicted: ArrayLike<number>,
  labels: ArrayLike<0 | 1 | number>,
  groups: readonly string[],
  options: { seed: number },
): TMetrics {
  const n = predicted.length;
  if (labels.length !== n || groups.length !== n) {
    throw new Error("computeMetrics: predicted, labels and groups differ in length");
  }
  let squares = 0;
  const histogram = new Array<number>(10).fill(0);
  for (let i = 0; i < n; i++) {
    const p = predicted[i] ?? 0;
    squares += (p - (labels[i] === 1 ? 1 : 0)) ** 2;
    const b = binOf(p, 10);
    histogram[b] = (histogram[b] ?? 0) + 1;
  }
  const { accuracy } = computeTopKAccuracy(predicted, labels, groups, [1, 3]);
  return {
    rows: n,
    groups: new Set(groups).size,
    ...computeCalibrationError(predicted, labels, 15),
    brier: n > 0 ? squares / n : Number.NaN,
    logLoss: computeLogLoss(predicted, labels),
    top1: accuracy[0] ?? Number.NaN,
    top3: accuracy[1] ?? Number.NaN,
    reliability: computeReliabilityBins(predicted, labels, { seed: options.seed }),
    histogram,
  };
}
