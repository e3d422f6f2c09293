import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../graph/create-seeded-random";
import { chooseCalibrator } from "./choose-calibrator";
import { logit, sigmoid } from "./compute-sigmoid";

function sample(n: number, seed: number, truth: (s: number) => number) {
  const random = createSeededRandom(seed);
  const scores: number[] = [];
  const labels: number[] = [];
  const groups: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = 0.01 + 0.98 * random();
    scores.push(s);
    labels.push(random() < truth(s) ? 1 : 0);
    groups.push(`g${Math.floor(i / 4)}`);
  }
  return { scores, labels, groups };
}

describe("chooseCalibrator", () => {
  it("uses Platt on a small part without trying isotonic", () => {
    const { scores, labels, groups } = sample(400, 1, (s) => s);
    const choice = chooseCalibrator(scores, labels, groups);
    expect(choice.calibrator.kind).toBe("platt");
    expect(choice.isotonicLogLoss).toBeNull();
    expect(choice.plattLogLoss).toBeGreaterThan(0);
  });

  it("prefers Platt when the distortion is a logistic one", () => {
    const { scores, labels, groups } = sample(5_000, 2, (s) => sigmoid(0.5 * logit(s)));
    const choice = chooseCalibrator(scores, labels, groups);
    expect(choice.isotonicLogLoss).not.toBeNull();
    expect(choice.calibrator.kind).toBe("platt");
  });

  it("prefers isotonic when the truth is a step Platt cannot bend to", () => {
    const { scores, labels, groups } = sample(5_000, 3, (s) => (s < 0.5 ? 0.05 : 0.95));
    const choice = chooseCalibrator(scores, labels, groups);
    expect(choice.calibrator.kind).toBe("isotonic");
    expect(choice.isotonicLogLoss).toBeLessThan(choice.plattLogLoss);
  });
});
