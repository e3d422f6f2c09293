import { z } from "zod";
import type { TFeatures, TModelParameters, TTrainReport } from "./schemas";

// Stored JSON is boundary data: a version written by older code must fail loudly, not score.
const ZScaler = z.object({ means: z.array(z.number()), stds: z.array(z.number()) });

const ZCalibrator = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("platt"), a: z.number(), b: z.number() }),
  z.object({
    kind: z.literal("isotonic"),
    thresholds: z.array(z.number()),
    values: z.array(z.number()),
  }),
]);

export const ZModelParameters = z.object({
  featureNames: z.array(z.string()),
  scaler: ZScaler,
  fit: z.object({
    weights: z.array(z.number()),
    intercept: z.number(),
    lambda: z.number(),
    iterations: z.number(),
    converged: z.boolean(),
  }),
  calibrator: ZCalibrator,
}) satisfies z.ZodType<TModelParameters>;

const ZReliabilityBin = z.object({
  lower: z.number(),
  upper: z.number(),
  count: z.number(),
  meanPredicted: z.number(),
  observedRate: z.number(),
  interval: z.tuple([z.number(), z.number()]),
});

const ZMetrics = z.object({
  rows: z.number(),
  groups: z.number(),
  eceEqualWidth: z.number(),
  eceEqualMass: z.number(),
  mce: z.number(),
  brier: z.number(),
  logLoss: z.number(),
  top1: z.number(),
  top3: z.number(),
  reliability: z.array(ZReliabilityBin),
  histogram: z.array(z.number()),
});

const ZDataWindow = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.number(),
  groups: z.number(),
});

export const ZTrainReport = z.object({
  featureNames: z.array(z.string()),
  lambda: z.number(),
  calibrator: z.enum(["none", "platt", "isotonic"]),
  windows: z.object({ train: ZDataWindow, calibrate: ZDataWindow, heldOut: ZDataWindow }),
  heldOut: z.object({
    uncalibrated: ZMetrics,
    calibrated: ZMetrics,
    baseRate: ZMetrics,
    baselineRanking: ZMetrics,
  }),
  calibration: z.object({ plattLogLoss: z.number(), isotonicLogLoss: z.number().nullable() }),
}) satisfies z.ZodType<TTrainReport>;

export const ZFeatures = z.record(z.string(), z.number()) satisfies z.ZodType<TFeatures>;

export function parseModelParameters(json: unknown): TModelParameters {
  return ZModelParameters.parse(json);
}

export function parseTrainReport(json: unknown): TTrainReport {
  return ZTrainReport.parse(json);
}
