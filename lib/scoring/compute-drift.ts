import { createSeededRandom } from "../graph/create-seeded-random";
import { computeMetrics } from "./compute-metrics";
import type { TFeatureRow, TMetrics, TModelParameters } from "./schemas";
import { scoreFeatures } from "./score-features";

const RESAMPLES = 200;
const MIN_GROUPS = 5;

/** The figures drift watches: lower is better for all but top-1. */
const WATCHED = ["eceEqualWidth", "brier", "logLoss", "top1"] as const;
type TWatched = (typeof WATCHED)[number];

export type TDrift = {
  metrics: TMetrics;
  /** 95% bootstrap interval (by incident) of each watched figure since training. */
  intervals: Record<TWatched, [number, number]>;
  /** The figures worse than held out by more than their interval. */
  flagged: TWatched[];
  since: string;
};

/**
 * The model on incidents resolved since it was trained, against its held-out figures: a figure
 * is flagged when even the favourable end of its interval is worse than the held-out value.
 */
export function computeDrift(input: {
  parameters: TModelParameters;
  heldOut: TMetrics;
  rows: TFeatureRow[];
  since: string;
  seed?: number;
}): TDrift | null {
  const rows = input.rows.filter((row) => row.label !== null);
  const groups = [...new Set(rows.map((row) => row.group))];
  if (groups.length < MIN_GROUPS) return null;
  const { probability } = scoreFeatures(
    input.parameters,
    rows.map((row) => row.features),
  );
  const labels = rows.map((row) => (row.label === 1 ? 1 : 0));
  const groupOf = rows.map((row) => row.group);
  const metrics = computeMetrics(probability, labels, groupOf, { seed: input.seed ?? 1 });
  const byGroup = new Map<string, number[]>();
  rows.forEach((row, index) => {
    byGroup.set(row.group, [...(byGroup.get(row.group) ?? []), index]);
  });
  const random = createSeededRandom(input.seed ?? 1);
  const samples: Record<TWatched, number[]> = {
    eceEqualWidth: [],
    brier: [],
    logLoss: [],
    top1: [],
  };
  for (let r = 0; r < RESAMPLES; r++) {
    const picked = groups.flatMap((_, i) => {
      const group = groups[Math.floor(random() * groups.length)] as string;
      return (byGroup.get(group) ?? []).map((index) => ({ index, group: `${group}#${i}` }));
    });
    const resampled = computeMetrics(
      picked.map((item) => probability[item.index] ?? 0),
      picked.map((item) => labels[item.index] ?? 0),
      picked.map((item) => item.group),
      { seed: r },
    );
    for (const key of WATCHED) samples[key].push(resampled[key]);
  }
  const intervals = Object.fromEntries(
    WATCHED.map((key) => [key, quantiles(samples[key])]),
  ) as Record<TWatched, [number, number]>;
  const flagged = WATCHED.filter((key) =>
    key === "top1"
      ? intervals[key][1] < input.heldOut[key]
      : intervals[key][0] > input.heldOut[key],
  );
  return { metrics, intervals, flagged, since: input.since };
}

function quantiles(values: number[]): [number, number] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return [at(0.025), at(0.975)];
}
