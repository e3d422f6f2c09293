import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../graph/create-seeded-random";
import { computeMetrics } from "./compute-metrics";
import { computeTopKAccuracy } from "./compute-top-k-accuracy";

describe("computeMetrics", () => {
  const predicted = [0.1, 0.4, 0.8, 0.9];
  const labels: (0 | 1)[] = [0, 1, 1, 0];
  const groups = ["a", "a", "b", "b"];

  it("gives the known figures of a small array", () => {
    const m = computeMetrics(predicted, labels, groups, { seed: 1 });
    expect(m.rows).toBe(4);
    expect(m.groups).toBe(2);
    expect(m.brier).toBeCloseTo((0.01 + 0.36 + 0.04 + 0.81) / 4, 12);
    expect(m.logLoss).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.1)) / 4,
      12,
    );
    // Each row alone in its bin: ECE = mean |y − p|, MCE = the worst row.
    expect(m.eceEqualWidth).toBeCloseTo(0.45, 12);
    expect(m.eceEqualMass).toBeCloseTo(0.45, 12);
    expect(m.mce).toBeCloseTo(0.9, 12);
    expect(m.top1).toBe(0.5);
    expect(m.top3).toBe(1);
    expect(m.histogram).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 1, 1]);
    expect(m.reliability).toHaveLength(15);
    const bin = m.reliability[6];
    expect(bin).toMatchObject({ count: 1, meanPredicted: 0.4, observedRate: 1, interval: [1, 1] });
    expect(m.reliability[0]).toMatchObject({ count: 0, observedRate: 0, interval: [0, 1] });
  });

  it("pools two rows into one bin: ECE weighs each bin by its count", () => {
    // Both in bin [0.2, 0.2667): mean predicted 0.225, observed 0.5 → ECE = 0.275.
    const m = computeMetrics([0.2, 0.25], [1, 0], ["a", "b"], { seed: 1 });
    expect(m.eceEqualWidth).toBeCloseTo(0.275, 12);
    expect(m.mce).toBeCloseTo(0.275, 12);
  });

  it("gives ECE < 0.01 on perfectly calibrated data (p ~ U(0,1), y ~ Bernoulli(p))", () => {
    const random = createSeededRandom(2026);
    const n = 50_000;
    const p = Array.from({ length: n }, () => random());
    const y = p.map((pi) => (random() < pi ? 1 : 0));
    const m = computeMetrics(
      p,
      y,
      p.map((_, i) => `g${i}`),
      { seed: 3 },
    );
    expect(m.eceEqualWidth).toBeLessThan(0.01);
    expect(m.eceEqualMass).toBeLessThan(0.01);
    for (const bin of m.reliability) {
      expect(bin.interval[0]).toBeLessThanOrEqual(bin.observedRate);
      expect(bin.interval[1]).toBeGreaterThanOrEqual(bin.observedRate);
      expect(bin.interval[1] - bin.interval[0]).toBeLessThan(0.1);
    }
  });

  it("is reproducible for a seed", () => {
    const a = computeMetrics([0.3, 0.35, 0.32], [1, 0, 1], ["a", "a", "b"], { seed: 9 });
    const b = computeMetrics([0.3, 0.35, 0.32], [1, 0, 1], ["a", "a", "b"], { seed: 9 });
    expect(a).toEqual(b);
  });
});

describe("computeTopKAccuracy", () => {
  it("skips groups without a positive and shares ties at chance", () => {
    const result = computeTopKAccuracy(
      [0.5, 0.5, 0.5, 0.5, 0.9, 0.1],
      [1, 0, 0, 0, 0, 0],
      ["a", "a", "a", "a", "b", "b"],
      [1, 3],
    );
    expect(result.groupsWithPositive).toBe(1);
    expect(result.accuracy[0]).toBeCloseTo(0.25, 12);
    expect(result.accuracy[1]).toBeCloseTo(0.75, 12);
  });

  it("counts any positive of a group: two of four tied give top-1 at 1/2, top-3 certain", () => {
    const result = computeTopKAccuracy(
      [0.5, 0.5, 0.5, 0.5],
      [1, 1, 0, 0],
      ["a", "a", "a", "a"],
      [1, 2, 3],
    );
    expect(result.accuracy[0]).toBeCloseTo(0.5, 12);
    expect(result.accuracy[1]).toBeCloseTo(1 - (2 / 4) * (1 / 3), 12);
    expect(result.accuracy[2]).toBe(1);
  });

  it("ranks rows above a tie before sharing the tie", () => {
    // 0.9 is a negative above; the positive ties with one other at 0.5: top-1 0, top-2 1/2.
    const result = computeTopKAccuracy([0.9, 0.5, 0.5], [0, 1, 0], ["a", "a", "a"], [1, 2]);
    expect(result.accuracy).toEqual([0, 0.5]);
  });
});
