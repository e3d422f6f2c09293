import type { TServiceMetadata } from "../catalog/schemas";
import { DEFAULT_THRESHOLDS } from "./schemas";

export type SampleJudgement = { threshold: number | null; isElevated: boolean };

/** Whether one sample is out of bounds, and the threshold it was judged by. */
export function judgeSample(
  metric: "error_rate" | "latency_p99_ms" | "health",
  value: number,
  explicitThreshold: number | undefined,
  thresholds: TServiceMetadata["thresholds"],
): SampleJudgement {
  switch (metric) {
    case "error_rate": {
      const threshold = explicitThreshold ?? thresholds?.errorRate ?? DEFAULT_THRESHOLDS.errorRate;
      return { threshold, isElevated: value > threshold };
    }
    case "latency_p99_ms": {
      const threshold =
        explicitThreshold ?? thresholds?.latencyP99Ms ?? DEFAULT_THRESHOLDS.latencyP99Ms;
      return { threshold, isElevated: value > threshold };
    }
    case "health":
      // A health check passes (1) or fails (0); "elevated" means failing.
      return { threshold: null, isElevated: value < 1 };
    default: {
      const unreachable: never = metric;
      throw new Error(`unknown metric ${unreachable}`);
    }
  }
}
