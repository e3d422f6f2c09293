import { describe, expect, it } from "vitest";
import { applyScaler, applyScalerInPlace, fitScaler } from "./fit-scaler";
import { toDesignMatrix } from "./to-design-matrix";

describe("fitScaler", () => {
  const rows = [
    [1, 5],
    [2, 5],
    [3, 5],
  ];

  it("finds means and population standard deviations, std 1 for a constant column", () => {
    const scaler = fitScaler(rows);
    expect(scaler.means).toEqual([2, 5]);
    expect(scaler.stds[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(scaler.stds[1]).toBe(1);
  });

  it("standardises rows, the same on arrays and on a design matrix", () => {
    const scaler = fitScaler(rows);
    const scaled = applyScaler(scaler, rows);
    expect(scaled.map((r) => r[1])).toEqual([0, 0, 0]);
    expect(scaled[2]?.[0]).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    const matrix = toDesignMatrix(rows);
    expect(fitScaler(matrix)).toEqual(scaler);
    applyScalerInPlace(scaler, matrix);
    expect(Array.from(matrix.values)).toEqual(scaled.flat());
  });
});
