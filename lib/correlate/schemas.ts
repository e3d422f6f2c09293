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
  /**
   * The sender's own grouping (Alertmanager/Grafana groupKey, Datadog aggregation key, PagerDuty
   * incident), prefixed with the source so two senders' keys never meet; null when it gave none.
   */
  senderGroup: string | null;
  /** The two halves of senderGroup, as stored (source, group_key), for looking the group up. */
  groupSource?: string | null;
  groupKey?: string | null;
  incidentId: number | null;
  /** Set for alerts that stand for a PagerDuty incident, so ours can link to it. */
  pagerdutyIncidentId: string | null;
};

/** An incident that alerts may still join. */
export type OpenIncident = {
  id: number;
  status: IncidentStatus;
  severity: Severity;
  openedAt: Date;
  lastAlertAt: Date;
  /** Services of the alerts already in it. */
  serviceIds: number[];
  /** Sender groups of its alerts, each with when the last of that group's alerts arrived. */
  senderGroups: { senderGroup: string; lastSeenAt: Date }[];
};

/** Deployment settings; units are in the names. */
export type CorrelationConfig = {
  /** An alert joins an incident with a service this many hops away (over strong edges) or nearer. */
  maxHops: number;
  /** ...if the incident's last alert arrived at most this long before. */
  windowMinutes: number;
  /** After this an incident takes no more alerts; a new one opens, linked to it. */
  maxLifetimeHours: number;
};

export const DEFAULT_CORRELATION_CONFIG: CorrelationConfig = {
  maxHops: 2,
  windowMinutes: 10,
  maxLifetimeHours: 4,
};

/** Incidents the plan creates are referred to by a temporary key until they have ids. */
export type IncidentRef = { kind: "existing"; id: number } | { kind: "new"; key: string };

export type NewIncident = {
  key: string;
  title: string;
  severity: Severity;
  originServiceId: number;
  /** The incident this one continues, when that one reached its maximum lifetime. */
  parentIncidentId: number | null;
  openedAt: Date;
  lastAlertAt: Date;
  serviceIds: number[];
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
  pagerdutyLinks: { incident: IncidentRef; pagerdutyIncidentId: string }[];
  timeline: PlannedTimelineEvent[];
};
