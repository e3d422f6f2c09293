import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../graph/create-seeded-random";
import { generateSyntheticRows } from "./generate-synthetic-rows";
import type { TFeatureRow } from "./schemas";
import { scoreFeatures } from "./score-features";
import { trainModel } from "./train-model";

const informative = generateSyntheticRows({
  groups: 600,
  candidatesPerGroup: 6,
  signals: [1.5, 0.8],
  noiseFeatures: 3,
  seed: 5,
});

describe("trainModel", () => {
  const model = trainModel(informative, { seed: 1 });
  const { report, parameters } = model;

  it("fits on the oldest part, calibrates on the next, reports on the newest", () => {
    expect(parameters.featureNames).toEqual(["noise0", "noise1", "noise2", "signal0", "signal1"]);
    expect(parameters.fit.converged).toBe(true);
    expect(report.windows.train.groups).toBe(360);
    expect(report.windows.calibrate.groups).toBe(120);
    expect(report.windows.heldOut.groups).toBe(120);
    expect(report.windows.train.to < report.windows.calibrate.from).toBe(true);
    expect(report.windows.calibrate.to < report.windows.heldOut.from).toBe(true);
    expect(report.heldOut.calibrated.rows).toBe(720);
    expect(report.crossValidation?.map((s) => s.lambda)).toContain(report.lambda);
    expect(report.calibration.isotonicLogLoss).toBeNull(); // 720 calibration rows < 1,000
    expect(report.calibrator).toBe("platt");
  });

  it("beats the base rate and the one-feature baseline on held-out incidents", () => {
    const { calibrated, baseRate, baselineRanking } = report.heldOut;
    expect(calibrated.logLoss).toBeLessThan(baseRate.logLoss - 0.05);
    expect(calibrated.brier).toBeLessThan(baseRate.brier);
    expect(calibrated.top1).toBeGreaterThan(0.5);
    expect(calibrated.top1).toBeGreaterThanOrEqual(baselineRanking.top1);
    expect(report.baselineFeature).toBe("signal0");
    expect(baseRate.top1).toBeCloseTo(1 / 6, 10); // a constant forecaster ranks at chance
  });

  it("stores parameters that score rows to the report's numbers", () => {
    const heldOutRows = informative.slice(-720);
    const scored = scoreFeatures(
      parameters,
      heldOutRows.map((row) => row.features),
    );
    const brier =
      scored.probability.reduce((sum, p, i) => sum + (p - (heldOutRows[i]?.label ?? 0)) ** 2, 0) /
      720;
    expect(brier).toBeCloseTo(report.heldOut.calibrated.brier, 12);
  });

  it("is deterministic, and reports progress up to 1", () => {
    const steps: [string, number][] = [];
    const again = trainModel(informative, { seed: 1, onProgress: (s, f) => steps.push([s, f]) });
    expect(again).toEqual(model);
    expect(steps.at(-1)).toEqual(["done", 1]);
    expect(steps.map(([, f]) => f)).toEqual([...steps.map(([, f]) => f)].sort((a, b) => a - b));
  });

  it("uses the given feature names, a missing feature counting as 0", () => {
    const few = trainModel(informative, { featureNames: ["signal0", "absent"] });
    expect(few.parameters.featureNames).toEqual(["signal0", "absent"]);
    expect(few.parameters.fit.weights[1]).toBe(0);
  });
});

describe("trainModel without signal", () => {
  it("gives no skill when the labels are shuffled", () => {
    const rows = generateSyntheticRows({
      groups: 1_000,
      candidatesPerGroup: 10,
      signals: [2, 1],
      noiseFeatures: 2,
      seed: 8,
    });
    const random = createSeededRandom(99);
    const labels = rows.map((row) => row.label);
    for (let i = labels.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [labels[i], labels[j]] = [labels[j] ?? 0, labels[i] ?? 0];
    }
    const shuffled = rows.map((row, i) => ({ ...row, label: labels[i] ?? 0 }));
    const { report } = trainModel(shuffled, { seed: 2 });
    const { calibrated, baseRate } = report.heldOut;
    expect(calibrated.logLoss).toBeGreaterThan(baseRate.logLoss - 0.005);
    // Chance top-1 of a group with m positives among 10 candidates is m / 10.
    const heldOut = shuffled.slice(-report.windows.heldOut.rows);
    const positivesOf = new Map<string, number>();
    for (const row of heldOut) {
      positivesOf.set(row.group, (positivesOf.get(row.group) ?? 0) + (row.label ?? 0));
    }
    const counted = [...positivesOf.values()].filter((m) => m > 0);
    const chance = counted.reduce((sum, m) => sum + m / 10, 0) / counted.length;
    expect(Math.abs(calibrated.top1 - chance)).toBeLessThan(0.06);
    expect(report.heldOut.baseRate.top1).toBeCloseTo(chance, 10);
  });
});

describe("trainModel refuses data it cannot validate", () => {
  const row = (group: number, label: 0 | 1): TFeatureRow => ({
    group: `g${group}`,
    time: group,
    label,
    features: { x: label },
  });

  it("when a part has too few incidents", () => {
    const rows = Array.from({ length: 10 }, (_, g) => [row(g, 1), row(g, 0)]).flat();
    expect(() => trainModel(rows)).toThrow(/needs at least 5/);
  });

  it("when a part has no confirmed cause", () => {
    const rows = Array.from({ length: 40 }, (_, g) => [row(g, g < 24 ? 1 : 0), row(g, 0)]).flat();
    expect(() => trainModel(rows)).toThrow(/calibration part has no confirmed cause/);
  });
});
