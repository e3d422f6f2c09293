import { describe, expect, it } from "vitest";
import { sigmoid } from "./compute-sigmoid";
import type { TModelParameters } from "./schemas";
import { contributionsOf, scoreFeatures } from "./score-features";

const parameters: TModelParameters = {
  featureNames: ["minutesSinceChange", "isOrigin"],
  scaler: { means: [30, 0.5], stds: [10, 0.5] },
  fit: { weights: [-1, 2], intercept: -1, lambda: 0.01, iterations: 5, converged: true },
  calibrator: { kind: "platt", a: -2, b: 0 },
};

describe("scoreFeatures", () => {
  it("standardises, weighs and calibrates; a missing feature is 0", () => {
    // z = −1 + (−1)(10 − 30)/10 + 2(1 − 0.5)/0.5 = −1 + 2 + 2 = 3; row 2: −1 + 3 − 2 = 0
    const scored = scoreFeatures(parameters, [
      { minutesSinceChange: 10, isOrigin: 1 },
      { isOrigin: 0 },
    ]);
    expect(scored.uncalibrated[0]).toBeCloseTo(sigmoid(3), 12);
    expect(scored.uncalibrated[1]).toBeCloseTo(sigmoid(0), 12);
    expect(scored.probability[0]).toBeCloseTo(sigmoid(6), 12);
    expect(scored.probability[1]).toBeCloseTo(0.5, 12);
  });

  it("explains a score by each feature's share of the log-odds", () => {
    expect(contributionsOf(parameters, { minutesSinceChange: 10, isOrigin: 1 })).toEqual({
      minutesSinceChange: 2,
      isOrigin: 2,
    });
  });
});
