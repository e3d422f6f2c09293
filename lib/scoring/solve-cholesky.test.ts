import { describe, expect, it } from "vitest";
import { solveCholesky } from "./solve-cholesky";

describe("solveCholesky", () => {
  it("solves a positive definite system", () => {
    // A = [[4, 2], [2, 3]], b = [2, 1] → x = [0.5, 0]
    const x = solveCholesky(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it("adds a ridge to a singular matrix instead of failing", () => {
    const x = solveCholesky(Float64Array.of(1, 1, 1, 1), Float64Array.of(2, 2), 2);
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(1, 4);
  });
});
