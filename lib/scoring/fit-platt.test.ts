import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../graph/create-seeded-random";
import { applyCalibrator } from "./apply-calibrator";
import { logit, sigmoid } from "./compute-sigmoid";
import { fitPlatt } from "./fit-platt";

describe("fitPlatt", () => {
  it("recovers the distortion of over-confident scores: true P = σ(0.5·logit(s) − 0.3)", () => {
    const random = createSeededRandom(11);
    const scores: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      const s = sigmoid(6 * random() - 3);
      scores.push(s);
      labels.push(random() < sigmoid(0.5 * logit(s) - 0.3) ? 1 : 0);
    }
    const platt = fitPlatt(scores, labels);
    expect(platt.a).toBeCloseTo(-0.5, 1);
    expect(platt.b).toBeCloseTo(0.3, 1);
    expect(applyCalibrator(platt, 0.9)).toBeCloseTo(sigmoid(0.5 * logit(0.9) - 0.3), 1);
  });

  it("leaves calibrated scores nearly alone (a ≈ −1, b ≈ 0)", () => {
    const random = createSeededRandom(12);
    const scores = Array.from({ length: 20_000 }, () => 0.02 + 0.96 * random());
    const labels = scores.map((s) => (random() < s ? 1 : 0));
    const platt = fitPlatt(scores, labels);
    expect(platt.a).toBeCloseTo(-1, 1);
    expect(platt.b).toBeCloseTo(0, 1);
  });

  it("with constant scores predicts the smoothed base rate", () => {
    // 3 of 10 positive: targets 4/5 and 1/9, mean target (3·0.8 + 7/9) / 10.
    const labels = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    const platt = fitPlatt(new Array(10).fill(0.5), labels);
    expect(applyCalibrator(platt, 0.5)).toBeCloseTo((3 * 0.8 + 7 / 9) / 10, 6);
  });
});
