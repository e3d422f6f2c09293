import type { IncidentStatus } from "../generated/prisma/enums";

const ORDER: Record<IncidentStatus, number> = {
  triggered: 0,
  acknowledged: 1,
  mitigated: 2,
  resolved: 3,
};

export type StatusTransition = "change" | "unchanged" | "backwards";

/** Incidents only move forward (a step may be skipped); asking for the current status changes nothing. */
export function classifyTransition(from: IncidentStatus, to: IncidentStatus): StatusTransition {
  if (from === to) return "unchanged";
  return ORDER[to] > ORDER[from] ? "change" : "backwards";
}

/** "Acknowledged by Jane", "Resolved automatically", for the timeline. */
export function describeStatusChange(to: IncidentStatus, actor: string): string {
  const verb = {
    triggered: "Triggered",
    acknowledged: "Acknowledged",
    mitigated: "Mitigated",
    resolved: "Resolved",
  }[to];
  return `${verb} by ${actor}`;
}
