import { describe, expect, it } from "vitest";
import { computeLogLoss } from "./compute-log-loss";
import { logit, sigmoid } from "./compute-sigmoid";

describe("computeLogLoss", () => {
  it("averages the negative log-likelihood", () => {
    const expected = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.1)) / 4;
    expect(computeLogLoss([0.1, 0.4, 0.8, 0.9], [0, 1, 1, 0])).toBeCloseTo(expected, 12);
  });

  it("clips certain mistakes to 1e-15 instead of Infinity", () => {
    expect(computeLogLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 6);
  });
});

describe("sigmoid and logit", () => {
  it("are inverses and stay finite at the extremes", () => {
    expect(sigmoid(logit(0.3))).toBeCloseTo(0.3, 12);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(Number.isFinite(logit(0))).toBe(true);
  });
});
