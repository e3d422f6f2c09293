import { describe, expect, it } from "vitest";
import { computeDrift } from "./compute-drift";
import { generateSyntheticRows } from "./generate-synthetic-rows";
import type { TFeatureRow } from "./schemas";
import { trainModel } from "./train-model";

const options = { candidatesPerGroup: 8, signals: [1.5, 1], noiseFeatures: 2 };
const trained = trainModel(generateSyntheticRows({ ...options, groups: 600, seed: 3 }), {
  seed: 1,
});
const fresh = generateSyntheticRows({ ...options, groups: 300, seed: 99 });

/** The same incidents with each cause moved to another candidate: the model is now wrong. */
function withMovedCauses(rows: TFeatureRow[]): TFeatureRow[] {
  return rows.map((row, index) => {
    const next = rows[index + 1]?.group === row.group ? rows[index + 1] : rows[index - 7];
    return { ...row, label: next?.label ?? 0 };
  });
}

describe("computeDrift", () => {
  const input = {
    parameters: trained.parameters,
    heldOut: trained.report.heldOut.calibrated,
    since: "2026-07-01",
  };

  it("flags nothing on new incidents like the ones it was validated on", () => {
    const drift = computeDrift({ ...input, rows: fresh });
    expect(drift?.flagged).toEqual([]);
    expect(drift?.metrics.groups).toBe(300);
    const [low, high] = drift?.intervals.brier ?? [0, 0];
    expect(low).toBeLessThan(high);
  });

  it("flags the figures that got worse beyond their interval when the world changed", () => {
    const drift = computeDrift({ ...input, rows: withMovedCauses(fresh) });
    expect(drift?.flagged).toEqual(expect.arrayContaining(["brier", "logLoss", "top1"]));
  });

  it("says nothing with fewer than 5 incidents", () => {
    expect(computeDrift({ ...input, rows: fresh.slice(0, 16) })).toBeNull();
  });
});
