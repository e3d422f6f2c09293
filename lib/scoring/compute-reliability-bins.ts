import { createSeededRandom } from "../graph/create-seeded-random";
import { binOf } from "./compute-calibration-error";
import type { TReliabilityBin } from "./schemas";

/**
 * Equal-width reliability bins with a 95% percentile bootstrap interval of each bin's observed
 * rate (its rows resampled with replacement). Empty bins are kept with count 0, their midpoint,
 * rate 0 and the whole [0, 1] as interval: JSON-safe numbers that say nothing was observed.
 */
export function computeReliabilityBins(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: { seed: number; bins?: number; resamples?: number },
): TReliabilityBin[] {
  const { seed, bins = 15, resamples = 200 } = options;
  const random = createSeededRandom(seed);
  const members: number[][] = Array.from({ length: bins }, () => []);
  for (let i = 0; i < predicted.length; i++) members[binOf(predicted[i] ?? 0, bins)]?.push(i);
  const draws = new Float64Array(resamples);
  return members.map((rows, b) => {
    const count = rows.length;
    const lower = b / bins;
    const upper = (b + 1) / bins;
    if (count === 0) {
      return {
        lower,
        upper,
        count,
        meanPredicted: (lower + upper) / 2,
        observedRate: 0,
        interval: [0, 1],
      };
    }
    let sum = 0;
    let hits = 0;
    for (const i of rows) {
      sum += predicted[i] ?? 0;
      hits += labels[i] === 1 ? 1 : 0;
    }
    for (let r = 0; r < resamples; r++) {
      let resampledHits = 0;
      for (let k = 0; k < count; k++) {
        resampledHits += labels[rows[Math.floor(random() * count)] ?? 0] === 1 ? 1 : 0;
      }
      draws[r] = resampledHits / count;
    }
    draws.sort();
    return {
      lower,
      upper,
      count,
      meanPredicted: sum / count,
      observedRate: hits / count,
      interval: [quantile(draws, 0.025), quantile(draws, 0.975)],
    };
  });
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  const a = sorted[low] ?? 0;
  return a + (position - low) * ((sorted[high] ?? 0) - a);
}
