import type { TCalibrator } from "./schemas";

/**
 * Isotonic regression by pool-adjacent-violators. Each pooled block becomes one point: its
 * weighted mean score (the threshold) and its observed rate (the value). Tied scores pool first.
 */
export function fitIsotonic(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): Extract<TCalibrator, { kind: "isotonic" }> {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (i, j) => (scores[i] ?? 0) - (scores[j] ?? 0),
  );
  // Blocks as parallel stacks: summed score, summed label, weight. Tied scores are one point.
  const scoreSums: number[] = [];
  const labelSums: number[] = [];
  const counts: number[] = [];
  let k = 0;
  while (k < order.length) {
    const s = scores[order[k] ?? 0] ?? 0;
    let scoreSum = 0;
    let labelSum = 0;
    let count = 0;
    for (; k < order.length && scores[order[k] ?? 0] === s; k++) {
      scoreSum += s;
      labelSum += labels[order[k] ?? 0] === 1 ? 1 : 0;
      count++;
    }
    scoreSums.push(scoreSum);
    labelSums.push(labelSum);
    counts.push(count);
    // Pool while the previous block's rate is not below this one's (equal rates merge too).
    while (counts.length > 1) {
      const top = counts.length - 1;
      const rateTop = (labelSums[top] ?? 0) / (counts[top] ?? 1);
      const ratePrevious = (labelSums[top - 1] ?? 0) / (counts[top - 1] ?? 1);
      if (ratePrevious < rateTop) break;
      scoreSums[top - 1] = (scoreSums[top - 1] ?? 0) + (scoreSums.pop() ?? 0);
      labelSums[top - 1] = (labelSums[top - 1] ?? 0) + (labelSums.pop() ?? 0);
      counts[top - 1] = (counts[top - 1] ?? 0) + (counts.pop() ?? 0);
    }
  }
  return {
    kind: "isotonic",
    thresholds: counts.map((c, b) => (scoreSums[b] ?? 0) / c),
    values: counts.map((c, b) => (labelSums[b] ?? 0) / c),
  };
}
