import { describe, expect, it } from "vitest";
import { judgeSample } from "./is-sample-elevated";

describe("judgeSample", () => {
  it("uses the sample's threshold, then the service's, then the built-in one", () => {
    expect(judgeSample("error_rate", 0.05, 0.1, { errorRate: 0.01 })).toEqual({
      threshold: 0.1,
      isElevated: false,
    });
    expect(judgeSample("error_rate", 0.05, undefined, { errorRate: 0.02 })).toEqual({
      threshold: 0.02,
      isElevated: true,
    });
    expect(judgeSample("error_rate", 0.005, undefined, undefined)).toEqual({
      threshold: 0.01,
      isElevated: false,
    });
    expect(judgeSample("latency_p99_ms", 1_500, undefined, undefined)).toEqual({
      threshold: 1_000,
      isElevated: true,
    });
  });

  it("treats a health value below 1 as failing", () => {
    expect(judgeSample("health", 0, undefined, undefined).isElevated).toBe(true);
    expect(judgeSample("health", 1, undefined, undefined).isElevated).toBe(false);
  });
});
