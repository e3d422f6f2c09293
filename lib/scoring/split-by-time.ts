import type { TDataWindow, TFeatureRow } from "./schemas";

export type TTimeSplit = {
  train: TFeatureRow[];
  calibrate: TFeatureRow[];
  heldOut: TFeatureRow[];
  windows: { train: TDataWindow; calibrate: TDataWindow; heldOut: TDataWindow };
};

/**
 * Whole groups ordered by their time (earliest row; ties by group id): the oldest `train` share
 * trains, the next `calibrate` share calibrates, the newest rest is held out. Shares count groups.
 */
export function splitByTime(
  rows: readonly TFeatureRow[],
  options: { train?: number; calibrate?: number } = {},
): TTimeSplit {
  const { train = 0.6, calibrate = 0.2 } = options;
  if (!(train > 0 && calibrate > 0 && train + calibrate < 1)) {
    throw new Error("splitByTime: train and calibrate must be positive shares summing below 1");
  }
  const timeOfGroup = new Map<string, number>();
  for (const row of rows) {
    const known = timeOfGroup.get(row.group);
    if (known === undefined || row.time < known) timeOfGroup.set(row.group, row.time);
  }
  const ordered = [...timeOfGroup.entries()].sort((a, b) =>
    a[1] !== b[1] ? a[1] - b[1] : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  );
  const count = ordered.length;
  if (count < 3) throw new Error(`splitByTime: ${count} groups cannot make three parts`);
  const trainGroups = clamp(Math.round(count * train), 1, count - 2);
  const calibrateGroups = clamp(Math.round(count * calibrate), 1, count - trainGroups - 1);
  const partOfGroup = new Map<string, 0 | 1 | 2>();
  ordered.forEach(([group], index) => {
    partOfGroup.set(group, index < trainGroups ? 0 : index < trainGroups + calibrateGroups ? 1 : 2);
  });
  const parts: [TFeatureRow[], TFeatureRow[], TFeatureRow[]] = [[], [], []];
  for (const row of rows) parts[partOfGroup.get(row.group) ?? 2].push(row);
  return {
    train: parts[0],
    calibrate: parts[1],
    heldOut: parts[2],
    windows: {
      train: describeWindow(parts[0], timeOfGroup),
      calibrate: describeWindow(parts[1], timeOfGroup),
      heldOut: describeWindow(parts[2], timeOfGroup),
    },
  };
}

function describeWindow(rows: TFeatureRow[], timeOfGroup: Map<string, number>): TDataWindow {
  const groups = new Set(rows.map((row) => row.group));
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const group of groups) {
    const time = timeOfGroup.get(group) ?? 0;
    from = Math.min(from, time);
    to = Math.max(to, time);
  }
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    rows: rows.length,
    groups: groups.size,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
