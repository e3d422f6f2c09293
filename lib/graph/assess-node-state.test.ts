import { describe, expect, it } from "vitest";
import { assessNodeState, describeStateRules, WEAK_REACH_REASON } from "./assess-node-state";
import type { ServiceSignals } from "./schemas";

const quiet: ServiceSignals = {
  firingAlertSeverity: null,
  firingAlertCount: 0,
  isHealthCheckFailing: false,
  isErrorRateElevated: false,
  isLatencyElevated: false,
};
const assess = (overrides: Partial<ServiceSignals>, isReachedOnlyWeakly = false) =>
  assessNodeState({ ...quiet, ...overrides }, isReachedOnlyWeakly);

describe("assessNodeState", () => {
  it("is red for a critical or error alert, or a failing health check", () => {
    expect(assess({ firingAlertSeverity: "critical", firingAlertCount: 3 })).toEqual({
      state: "red",
      reasons: ["3 firing alerts, highest critical"],
      isAffected: true,
    });
    expect(assess({ firingAlertSeverity: "error", firingAlertCount: 1 }).state).toBe("red");
    expect(assess({ isHealthCheckFailing: true }, true)).toEqual({
      state: "red",
      reasons: ["health check failing"],
      isAffected: true,
    });
  });

  it("lists every signal fact on a red service, but not how it is reached", () => {
    expect(
      assess({ firingAlertSeverity: "error", firingAlertCount: 2, isErrorRateElevated: true }, true)
        .reasons,
    ).toEqual(["2 firing alerts, highest error", "error rate elevated"]);
  });

  it("is amber for a warning or info alert or elevated error rate or latency", () => {
    expect(assess({ firingAlertSeverity: "warning", firingAlertCount: 1 })).toEqual({
      state: "amber",
      reasons: ["warning alert firing"],
      isAffected: true,
    });
    expect(assess({ firingAlertSeverity: "info", firingAlertCount: 0 }).reasons).toEqual([
      "info alert firing",
    ]);
    expect(assess({ isErrorRateElevated: true, isLatencyElevated: true }).reasons).toEqual([
      "error rate elevated",
      "latency elevated",
    ]);
  });

  it("is amber but not affected when only weakly reached", () => {
    expect(assessNodeState(undefined, true)).toEqual({
      state: "amber",
      reasons: [WEAK_REACH_REASON],
      isAffected: false,
    });
    expect(assess({ isLatencyElevated: true }, true)).toEqual({
      state: "amber",
      reasons: ["latency elevated", WEAK_REACH_REASON],
      isAffected: true,
    });
  });

  it("is gray with no signals, or with signals that are all quiet", () => {
    const gray = { state: "gray", reasons: ["no signals"], isAffected: false };
    expect(assessNodeState(undefined, false)).toEqual(gray);
    expect(assess({})).toEqual(gray);
  });
});

describe("describeStateRules", () => {
  it("names unobserved edges only once traffic is observed", () => {
    const [, without] = describeStateRules(false);
    const [, withTraffic] = describeStateRules(true);
    expect(without?.rule).not.toContain("never seen in traffic");
    expect(withTraffic?.rule).toContain(
      "reached from them only through optional dependencies or dependencies declared but never seen in traffic.",
    );
    expect(describeStateRules(true).map((rule) => rule.state)).toEqual(["red", "amber", "gray"]);
  });
});
