import { logit, sigmoid } from "./compute-sigmoid";
import type { TCalibrator } from "./schemas";

/**
 * Platt scaling (Platt 1999, with Lin, Lin & Weng's 2007 Newton method): on f = logit(score),
 * P(y = 1) = 1 / (1 + exp(a·f + b)), fitted to smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2).
 * A well-ranked score therefore gets a < 0; a = −1, b = 0 is the identity.
 */
export function fitPlatt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): Extract<TCalibrator, { kind: "platt" }> {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = n - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  const f = Float64Array.from({ length: n }, (_, i) => logit(scores[i] ?? 0));
  const t = Float64Array.from({ length: n }, (_, i) => (labels[i] === 1 ? high : low));

  const objective = (a: number, b: number): number => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const z = a * (f[i] ?? 0) + b; // −log P(t) with P = 1/(1+e^z), stable for both signs
      const ti = t[i] ?? 0;
      total += z >= 0 ? ti * z + Math.log1p(Math.exp(-z)) : (ti - 1) * z + Math.log1p(Math.exp(z));
    }
    return total;
  };

  let a = 0;
  let b = Math.log((negatives + 1) / (positives + 1));
  let value = objective(a, b);
  const sigma = 1e-12; // keeps the Hessian positive definite (Lin, Lin & Weng)
  for (let iteration = 0; iteration < 100; iteration++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const fi = f[i] ?? 0;
      const p = sigmoid(-(a * fi + b)); // P(y = 1)
      const q = 1 - p;
      const d2 = p * q;
      const d1 = (t[i] ?? 0) - p;
      h11 += fi * fi * d2;
      h22 += d2;
      h21 += fi * d2;
      g1 += fi * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-9 * Math.max(1, n) && Math.abs(g2) < 1e-9 * Math.max(1, n)) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * da + g2 * db;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const nextA = a + step * da;
      const nextB = b + step * db;
      const next = objective(nextA, nextB);
      if (next < value + 1e-4 * step * gd) {
        a = nextA;
        b = nextB;
        value = next;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { kind: "platt", a, b };
}
