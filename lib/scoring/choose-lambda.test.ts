import { describe, expect, it } from "vitest";
import { chooseLambda } from "./choose-lambda";
import { generateSyntheticRows } from "./generate-synthetic-rows";

function asTable(rows: ReturnType<typeof generateSyntheticRows>) {
  const names = Object.keys(rows[0]?.features ?? {}).sort();
  return {
    x: rows.map((r) => names.map((n) => r.features[n] ?? 0)),
    y: rows.map((r) => r.label ?? 0),
    groups: rows.map((r) => r.group),
  };
}

describe("chooseLambda", () => {
  it("picks a light penalty when the features carry signal and data is plentiful", () => {
    const rows = generateSyntheticRows({
      groups: 400,
      candidatesPerGroup: 5,
      signals: [1.5, 1],
      noiseFeatures: 2,
      seed: 1,
    });
    const { x, y, groups } = asTable(rows);
    const choice = chooseLambda(x, y, groups);
    expect(choice.scores).toHaveLength(7);
    expect(choice.lambda).toBeLessThanOrEqual(0.01);
    const least = Math.min(...choice.scores.map((s) => s.logLoss));
    expect(choice.scores.find((s) => s.lambda === choice.lambda)?.logLoss).toBe(least);
  });

  it("picks a heavy penalty when the features are pure noise", () => {
    const rows = generateSyntheticRows({
      groups: 30,
      candidatesPerGroup: 4,
      signals: [],
      noiseFeatures: 8,
      seed: 2,
    });
    const { x, y, groups } = asTable(rows);
    expect(chooseLambda(x, y, groups).lambda).toBeGreaterThanOrEqual(1);
  });

  it("refuses fewer groups than folds", () => {
    expect(() => chooseLambda([[1], [2]], [0, 1], ["a", "b"])).toThrow(/at least 5 groups/);
  });
});
