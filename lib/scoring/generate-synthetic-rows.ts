import { createSeededRandom } from "../graph/create-seeded-random";
import type { TFeatureRow } from "./schemas";

export type TSyntheticOptions = {
  groups: number;
  candidatesPerGroup: number;
  /** How far (in standard deviations) the cause's informative features sit above the rest. */
  signals: number[];
  noiseFeatures: number;
  seed: number;
};

/**
 * Feature rows for tests and benches: one cause per group, informative features `signal0…`
 * shifted for the cause, `noise0…` independent of it. Groups start an hour apart.
 */
export function generateSyntheticRows(options: TSyntheticOptions): TFeatureRow[] {
  const random = createSeededRandom(options.seed);
  const normal = createNormal(random);
  const rows: TFeatureRow[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let g = 0; g < options.groups; g++) {
    const cause = Math.floor(random() * options.candidatesPerGroup);
    for (let c = 0; c < options.candidatesPerGroup; c++) {
      const features: Record<string, number> = {};
      options.signals.forEach((shift, k) => {
        features[`signal${k}`] = normal() + (c === cause ? shift : 0);
      });
      for (let k = 0; k < options.noiseFeatures; k++) features[`noise${k}`] = normal();
      rows.push({
        group: `g${g}`,
        time: start + g * 3_600_000,
        label: c === cause ? 1 : 0,
        features,
      });
    }
  }
  return rows;
}

/** Standard normal draws by Box–Muller from a uniform source. */
export function createNormal(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const u = 1 - random(); // (0, 1]: log stays finite
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
