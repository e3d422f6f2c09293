/** Equal-width bin of a probability: [k/bins, (k+1)/bins), the last bin closed at 1. */
export function binOf(p: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
}

/**
 * Expected calibration error (count-weighted |observed − predicted| over bins) with equal-width
 * and equal-mass bins, and the maximum calibration error over the non-empty equal-width bins.
 */
export function computeCalibrationError(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 15,
): { eceEqualWidth: number; eceEqualMass: number; mce: number } {
  const n = predicted.length;
  if (n === 0) return { eceEqualWidth: Number.NaN, eceEqualMass: Number.NaN, mce: Number.NaN };
  const sums = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const p = predicted[i] ?? 0;
    const b = binOf(p, bins);
    sums[b] = (sums[b] ?? 0) + p;
    hits[b] = (hits[b] ?? 0) + (labels[i] === 1 ? 1 : 0);
    counts[b] = (counts[b] ?? 0) + 1;
  }
  let eceEqualWidth = 0;
  let mce = 0;
  for (let b = 0; b < bins; b++) {
    const count = counts[b] ?? 0;
    if (count === 0) continue;
    const gap = Math.abs((hits[b] ?? 0) / count - (sums[b] ?? 0) / count);
    eceEqualWidth += (count / n) * gap;
    mce = Math.max(mce, gap);
  }
  // Equal mass: rows sorted by prediction, bin k holds ranks [⌊k·n/bins⌋, ⌊(k+1)·n/bins⌋).
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (predicted[i] ?? 0) - (predicted[j] ?? 0),
  );
  let eceEqualMass = 0;
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let sum = 0;
    let hit = 0;
    for (let r = from; r < to; r++) {
      const i = order[r] ?? 0;
      sum += predicted[i] ?? 0;
      hit += labels[i] === 1 ? 1 : 0;
    }
    eceEqualMass += Math.abs(hit - sum) / n;
  }
  return { eceEqualWidth, eceEqualMass, mce };
}
