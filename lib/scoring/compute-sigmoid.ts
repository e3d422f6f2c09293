/** Clip for log loss and logits: keeps log(0) out of every average. */
export const PROBABILITY_EPSILON = 1e-15;

/** The logistic function, stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(p / (1 − p)), with p clipped to [1e-15, 1 − 1e-15] so it stays finite. */
export function logit(p: number): number {
  const q = clipProbability(p);
  return Math.log(q / (1 - q));
}

export function clipProbability(p: number): number {
  return Math.min(1 - PROBABILITY_EPSILON, Math.max(PROBABILITY_EPSILON, p));
}
