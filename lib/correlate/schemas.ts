import type { AlertStatus, IncidentStatus, Severity } from "../generated/prisma/enums";

/** An alert whose latest status the correlator has not yet looked at. */
export type PendingAlert = {
  id: number;
  serviceId: number;
  serviceSlug: string;
  status: AlertStatus;
  /** Seen firing at least once; an alert only ever seen resolved opens nothing. */
  hasFired: boolean;
  name: string;
  severity: Severity;
  startsAt: Date;
  endsAt: Date | null;
  /** When Faultline first received it; windows run on this clock, not the sender's. */
  firstSeenAt: Date;
  groupKey: string | null;
  incidentId: number | null;
};

/** An incident that alerts may still join. */
export type OpenIncident = {
  id: number;
  status: IncidentStatus;
  severity: Severity;
  correlationKey: string | null;
  openedAt: Date;
  lastAlertAt: Date;
};

/** Incidents the plan creates are referred to by a temporary key until they have ids. */
export type IncidentRef = { kind: "existing"; id: number } | { kind: "new"; key: string };

export type NewIncident = {
  key: string;
  title: string;
  severity: Severity;
  originServiceId: number;
  correlationKey: string;
  openedAt: Date;
  lastAlertAt: Date;
};

export type PlannedTimelineEvent = {
  incident: IncidentRef;
  at: Date;
  kind: "incident.opened" | "alert.fired" | "alert.resolved" | "severity.raised";
  text: string;
  data: Record<string, unknown>;
};

export type CorrelationPlan = {
  newIncidents: NewIncident[];
  assignments: { alertId: number; incident: IncidentRef }[];
  incidentUpdates: { id: number; severity: Severity; lastAlertAt: Date }[];
  timeline: PlannedTimelineEvent[];
};
