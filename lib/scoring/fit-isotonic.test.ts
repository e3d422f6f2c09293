import { describe, expect, it } from "vitest";
import { applyCalibrator, ISOTONIC_FLOOR } from "./apply-calibrator";
import { fitIsotonic } from "./fit-isotonic";

describe("fitIsotonic", () => {
  it("pools adjacent violators into blocks at their centres", () => {
    const iso = fitIsotonic([0.1, 0.2, 0.3, 0.4], [1, 0, 1, 1]);
    expect(iso.thresholds.map((t) => Number(t.toFixed(12)))).toEqual([0.15, 0.35]);
    expect(iso.values).toEqual([0.5, 1]);
  });

  it("interpolates between block centres and clamps beyond them", () => {
    const iso = fitIsotonic([0.1, 0.2, 0.3, 0.4], [1, 0, 1, 1]);
    expect(applyCalibrator(iso, 0.25)).toBeCloseTo(0.75, 12);
    expect(applyCalibrator(iso, 0)).toBe(0.5);
    // The last block holds only causes, yet a shown 100% would claim more than 2 rows can.
    expect(applyCalibrator(iso, 0.99)).toBe(1 - ISOTONIC_FLOOR);
  });

  it("pools tied scores before comparing, whatever their order", () => {
    const iso = fitIsotonic([0.5, 0.2, 0.5, 0.5, 0.8], [0, 0, 1, 1, 1]);
    expect(iso.thresholds).toEqual([0.2, 0.5, 0.8]);
    expect(iso.values[1]).toBeCloseTo(2 / 3, 12);
  });

  it("gives a non-decreasing fit (worked by hand: blocks 0 | 5/7 | 1)", () => {
    const scores = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const labels = [0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1];
    const iso = fitIsotonic(scores, labels);
    for (let k = 1; k < iso.values.length; k++) {
      expect(iso.values[k]).toBeGreaterThan(iso.values[k - 1] ?? 0);
    }
    expect(iso.values).toEqual([0, 5 / 7, 1]);
    expect(iso.thresholds).toEqual([1.5, 6, 11]);
  });
});
