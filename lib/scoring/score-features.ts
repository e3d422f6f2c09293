import { applyCalibrator } from "./apply-calibrator";
import { sigmoid } from "./compute-sigmoid";
import type { TFeatures, TModelParameters } from "./schemas";

/**
 * The model's probabilities for candidates' features: uncalibrated σ(b + w·z) on standardised
 * values z, and calibrated. A feature the model knows but a row lacks counts as 0 (raw value).
 */
export function scoreFeatures(
  parameters: TModelParameters,
  features: TFeatures[],
): { uncalibrated: number[]; probability: number[] } {
  const uncalibrated = features.map((row) => {
    let z = parameters.fit.intercept;
    for (const contribution of Object.values(contributionsOf(parameters, row))) z += contribution;
    return sigmoid(z);
  });
  return {
    uncalibrated,
    probability: uncalibrated.map((p) => applyCalibrator(parameters.calibrator, p)),
  };
}

/** Weight × standardised value per feature: how far each feature moved the log-odds. */
export function contributionsOf(
  parameters: TModelParameters,
  features: TFeatures,
): Record<string, number> {
  const { featureNames, scaler, fit } = parameters;
  const contributions: Record<string, number> = {};
  featureNames.forEach((name, j) => {
    const raw = features[name];
    const value = typeof raw === "number" && Number.isFinite(raw) ? raw : 0;
    const standardised = (value - (scaler.means[j] ?? 0)) / (scaler.stds[j] ?? 1);
    contributions[name] = (fit.weights[j] ?? 0) * standardised;
  });
  return contributions;
}
