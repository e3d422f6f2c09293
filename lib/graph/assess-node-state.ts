import type { NodeState, ServiceSignals } from "./schemas";

export type NodeAssessment = {
  state: NodeState;
  /** Short phrases, one per contributing fact, in a fixed order. */
  reasons: string[];
  /** Red, or amber because of its own signals (not merely because of how it is reached). */
  isAffected: boolean;
};

export const WEAK_REACH_REASON = "reached only through optional or unobserved dependencies";

/** Colours one service from its own signals and, for non-origins, how the incident reaches it. */
export function assessNodeState(
  signals: ServiceSignals | undefined,
  isReachedOnlyWeakly: boolean,
): NodeAssessment {
  const reasons: string[] = [];
  let isRed = false;
  if (signals) {
    const severity = signals.firingAlertSeverity;
    if (severity !== null) {
      reasons.push(describeFiringAlerts(severity, signals.firingAlertCount));
      isRed = isRedSeverity(severity);
    }
    if (signals.isHealthCheckFailing) {
      reasons.push("health check failing");
      isRed = true;
    }
    if (signals.isErrorRateElevated) reasons.push("error rate elevated");
    if (signals.isLatencyElevated) reasons.push("latency elevated");
  }
  if (isRed) return { state: "red", reasons, isAffected: true };
  const hasOwnTrouble = reasons.length > 0;
  if (isReachedOnlyWeakly) reasons.push(WEAK_REACH_REASON);
  if (reasons.length > 0) return { state: "amber", reasons, isAffected: hasOwnTrouble };
  return { state: "gray", reasons: ["no signals"], isAffected: false };
}

/** The colour rules in the words the map's legend prints; they follow assessNodeState exactly. */
export function describeStateRules(hasObservations: boolean): { state: NodeState; rule: string }[] {
  const weakEdges = hasObservations
    ? "optional dependencies or dependencies declared but never seen in traffic"
    : "optional dependencies";
  return [
    { state: "red", rule: "Red: a firing critical or error alert, or a failing health check." },
    {
      state: "amber",
      rule:
        "Amber: not red, but a firing warning or info alert, an elevated error rate or latency, " +
        `or, for services other than the origins, reached from them only through ${weakEdges}.`,
    },
    { state: "gray", rule: "Gray: none of the above." },
  ];
}

type Severity = NonNullable<ServiceSignals["firingAlertSeverity"]>;

function isRedSeverity(severity: Severity): boolean {
  switch (severity) {
    case "critical":
    case "error":
      return true;
    case "warning":
    case "info":
      return false;
  }
}

function describeFiringAlerts(severity: Severity, count: number): string {
  return count > 1 ? `${count} firing alerts, highest ${severity}` : `${severity} alert firing`;
}
