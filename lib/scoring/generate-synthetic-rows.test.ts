import { describe, expect, it } from "vitest";
import { generateSyntheticRows } from "./generate-synthetic-rows";

describe("generateSyntheticRows", () => {
  it("gives one cause per group, the same rows for the same seed", () => {
    const options = { groups: 50, candidatesPerGroup: 4, signals: [2], noiseFeatures: 1, seed: 7 };
    const rows = generateSyntheticRows(options);
    expect(rows).toHaveLength(200);
    expect(rows.filter((r) => r.label === 1)).toHaveLength(50);
    expect(generateSyntheticRows(options)).toEqual(rows);
    const causeMean =
      rows.filter((r) => r.label === 1).reduce((s, r) => s + (r.features.signal0 ?? 0), 0) / 50;
    expect(causeMean).toBeGreaterThan(1.4);
  });
});
