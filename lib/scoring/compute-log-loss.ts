import { clipProbability } from "./compute-sigmoid";

/** Mean negative log-likelihood of 0/1 labels, predictions clipped to [1e-15, 1 − 1e-15]. */
export function computeLogLoss(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = predicted.length;
  if (n === 0) return Number.NaN;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = clipProbability(predicted[i] ?? 0);
    total -= (labels[i] ?? 0) === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return total / n;
}
