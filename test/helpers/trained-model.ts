import type { TMetrics, TTrainedModel } from "../../lib/scoring/schemas";

function metrics(overrides: Partial<TMetrics> = {}): TMetrics {
  return {
    rows: 40,
    groups: 10,
    eceEqualWidth: 0.02,
    eceEqualMass: 0.025,
    mce: 0.08,
    brier: 0.07,
    logLoss: 0.25,
    top1: 0.8,
    top3: 1,
    reliability: [
      {
        lower: 0,
        upper: 0.5,
        count: 30,
        meanPredicted: 0.1,
        observedRate: 0.1,
        interval: [0, 0.2],
      },
      {
        lower: 0.5,
        upper: 1,
        count: 10,
        meanPredicted: 0.8,
        observedRate: 0.8,
        interval: [0.5, 1],
      },
    ],
    histogram: [20, 5, 3, 2, 0, 0, 2, 3, 3, 2],
    ...overrides,
  };
}

/** A stored-model shape with made-up numbers: for storage and promotion, not for scoring checks. */
export function makeTrainedModel(weights: number[] = [1.5, -0.5]): TTrainedModel {
  const featureNames = weights.map((_, index) => `feature_${index}`);
  const window = {
    from: "2026-01-01T00:00:00.000Z",
    to: "2026-02-01T00:00:00.000Z",
    rows: 40,
    groups: 10,
  };
  return {
    parameters: {
      featureNames,
      scaler: { means: weights.map(() => 0), stds: weights.map(() => 1) },
      fit: { weights, intercept: -1, lambda: 0.1, iterations: 7, converged: true },
      calibrator: { kind: "platt", a: 1, b: 0 },
    },
    report: {
      featureNames,
      lambda: 0.1,
      calibrator: "platt",
      windows: { train: window, calibrate: window, heldOut: window },
      heldOut: {
        uncalibrated: metrics({ brier: 0.09 }),
        calibrated: metrics(),
        baseRate: metrics({ top1: 0.25 }),
        baselineRanking: metrics({ top1: 0.5 }),
      },
      calibration: { plattLogLoss: 0.25, isotonicLogLoss: null },
    },
  };
}
