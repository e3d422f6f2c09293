import { logit, sigmoid } from "./compute-sigmoid";
import type { TCalibrator } from "./schemas";

/** The calibrated probability of an uncalibrated one. */
export function applyCalibrator(calibrator: TCalibrator, p: number): number {
  switch (calibrator.kind) {
    case "none":
      return p;
    case "platt":
      return sigmoid(-(calibrator.a * logit(p) + calibrator.b));
    case "isotonic":
      return clampIsotonic(interpolateIsotonic(calibrator.thresholds, calibrator.values, p));
    default: {
      const unknown: never = calibrator;
      throw new Error(`Unknown calibrator ${JSON.stringify(unknown)}`);
    }
  }
}

// A block without a single cause among its rows means "rarely", not "never": no shown 0% or 100%.
export const ISOTONIC_FLOOR = 0.001;

function clampIsotonic(value: number): number {
  return Math.min(1 - ISOTONIC_FLOOR, Math.max(ISOTONIC_FLOOR, value));
}

/** Linear between block centres, flat (clamped) beyond the first and last. */
function interpolateIsotonic(thresholds: number[], values: number[], p: number): number {
  const last = thresholds.length - 1;
  if (last < 0) return p;
  if (p <= (thresholds[0] ?? 0)) return values[0] ?? 0;
  if (p >= (thresholds[last] ?? 0)) return values[last] ?? 0;
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((thresholds[middle] ?? 0) <= p) low = middle;
    else high = middle;
  }
  const x0 = thresholds[low] ?? 0;
  const x1 = thresholds[high] ?? 0;
  const y0 = values[low] ?? 0;
  const y1 = values[high] ?? 0;
  return x1 > x0 ? y0 + ((p - x0) / (x1 - x0)) * (y1 - y0) : y1;
}
