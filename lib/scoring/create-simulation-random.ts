import { createSeededRandom } from "../graph/create-seeded-random";

export type TSimulationRandom = {
  next: () => number;
  chance: (probability: number) => boolean;
  uniform: (low: number, high: number) => number;
  exponential: (mean: number) => number;
  poisson: (mean: number) => number;
  pick: <T>(items: readonly T[]) => T;
  pickWeighted: <T>(items: readonly T[], weightOf: (item: T) => number) => T;
};

/** The distributions the history generator draws from, all from one seeded sequence. */
export function createSimulationRandom(seed: number): TSimulationRandom {
  const next = createSeededRandom(seed);
  const pickWeighted = <T>(items: readonly T[], weightOf: (item: T) => number): T => {
    if (items.length === 0) throw new Error("cannot pick from nothing");
    const total = items.reduce((sum, item) => sum + weightOf(item), 0);
    let left = next() * total;
    for (const item of items) {
      left -= weightOf(item);
      if (left < 0) return item;
    }
    return items[items.length - 1] as T;
  };
  return {
    next,
    chance: (probability) => next() < probability,
    uniform: (low, high) => low + (high - low) * next(),
    exponential: (mean) => -mean * Math.log(1 - next()),
    poisson: (mean) => {
      // Knuth's method: fine for the small means a simulation uses.
      const limit = Math.exp(-mean);
      let count = 0;
      for (let product = next(); product > limit; product *= next()) count++;
      return count;
    },
    pick: (items) => pickWeighted(items, () => 1),
    pickWeighted,
  };
}
