// Test fixture: a plain gradient-descent logistic fit, only to check the simulated history is
// learnable (the product's optimiser lives elsewhere). Trains on the oldest part, ranks the rest.
import { FEATURE_NAMES } from "./extract-features";
import type { TFeatureRow } from "./schemas";

export function measureHeldOutTop1(
  rows: TFeatureRow[],
  trainShare = 0.7,
  iterations = 300,
): number {
  const outcomes = [...rankHeldOut(rows, trainShare, iterations).values()];
  return outcomes.filter(Boolean).length / outcomes.length;
}

/** Per held-out incident: whether the fitted model ranks the cause first. */
export function rankHeldOut(
  rows: TFeatureRow[],
  trainShare = 0.7,
  iterations = 300,
): Map<string, boolean> {
  const times = [...new Set(rows.map((row) => row.time))].sort((a, b) => a - b);
  const cut = times[Math.floor(times.length * trainShare)] ?? 0;
  const train = rows.filter((row) => row.time < cut);
  const test = rows.filter((row) => row.time >= cut);
  const matrixOf = (part: TFeatureRow[]) =>
    part.map((row) => FEATURE_NAMES.map((name) => row.features[name] ?? 0));
  const x = matrixOf(train);
  const width = FEATURE_NAMES.length;
  const means = Array.from(
    { length: width },
    (_, j) => x.reduce((sum, r) => sum + (r[j] ?? 0), 0) / x.length,
  );
  const stds = means.map(
    (mean, j) =>
      Math.sqrt(x.reduce((sum, r) => sum + ((r[j] ?? 0) - mean) ** 2, 0) / x.length) || 1,
  );
  const scale = (r: number[]) => r.map((value, j) => (value - (means[j] ?? 0)) / (stds[j] ?? 1));
  const xs = x.map(scale);
  const weights = new Array<number>(width).fill(0);
  let intercept = 0;
  for (let step = 0; step < iterations; step++) {
    const gradient = new Array<number>(width).fill(0);
    let gradientIntercept = 0;
    xs.forEach((r, i) => {
      const z = r.reduce((sum, value, j) => sum + value * (weights[j] ?? 0), intercept);
      const error = 1 / (1 + Math.exp(-z)) - (train[i]?.label ?? 0);
      r.forEach((value, j) => {
        gradient[j] = (gradient[j] ?? 0) + error * value;
      });
      gradientIntercept += error;
    });
    for (let j = 0; j < width; j++)
      weights[j] =
        (weights[j] ?? 0) - 0.5 * ((gradient[j] ?? 0) / xs.length + 1e-3 * (weights[j] ?? 0));
    intercept -= (0.5 * gradientIntercept) / xs.length;
  }
  const best = new Map<string, { score: number; label: number }>();
  matrixOf(test).forEach((r, i) => {
    const row = test[i];
    if (!row) return;
    const score = scale(r).reduce((sum, value, j) => sum + value * (weights[j] ?? 0), intercept);
    const current = best.get(row.group);
    if (!current || score > current.score) best.set(row.group, { score, label: row.label ?? 0 });
  });
  return new Map([...best].map(([group, winner]) => [group, winner.label === 1]));
}
