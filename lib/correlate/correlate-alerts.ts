import { compareSeverity, maxSeverity } from "../ingest/map-labels";
import type {
  CorrelationPlan,
  IncidentRef,
  NewIncident,
  OpenIncident,
  PendingAlert,
  PlannedTimelineEvent,
} from "./schemas";

/** The key that decides which incident an alert joins: its sender's group. */
export function getCorrelationKey(alert: PendingAlert): string {
  return alert.groupKey ?? `alert:${alert.id}`;
}

/**
 * Decides, without I/O, which incident each pending alert belongs to: an open incident with the
 * same key, or a new one. Alerts already in an incident stay there and only add to its timeline.
 */
export function correlateAlerts(
  pending: PendingAlert[],
  openIncidents: OpenIncident[],
  now: Date,
): CorrelationPlan {
  const plan: CorrelationPlan = {
    newIncidents: [],
    assignments: [],
    incidentUpdates: [],
    timeline: [],
  };
  const openByKey = new Map<string, OpenIncident>();
  for (const incident of openIncidents) {
    if (incident.correlationKey) openByKey.set(incident.correlationKey, incident);
  }
  const newByKey = new Map<string, NewIncident>();
  const updates = new Map<
    number,
    { id: number; severity: OpenIncident["severity"]; lastAlertAt: Date }
  >();

  // Returns the severity raise this alert causes, if any, so the caller can put it on the timeline.
  const joinExisting = (open: OpenIncident, alert: PendingAlert): PlannedTimelineEvent | null => {
    const current = updates.get(open.id) ?? {
      id: open.id,
      severity: open.severity,
      lastAlertAt: open.lastAlertAt,
    };
    const raised = maxSeverity(current.severity, alert.severity);
    updates.set(open.id, {
      id: open.id,
      severity: raised,
      lastAlertAt: laterOf(alert.firstSeenAt, current.lastAlertAt),
    });
    if (raised === current.severity) return null;
    return {
      incident: { kind: "existing", id: open.id },
      at: alert.firstSeenAt,
      kind: "severity.raised",
      text: `Severity raised from ${current.severity} to ${raised} by ${alert.name}`,
      data: { from: current.severity, to: raised, alertId: alert.id },
    };
  };

  const joinNew = (created: NewIncident, alert: PendingAlert): IncidentRef => {
    if (compareSeverity(alert.severity, created.severity) > 0) created.severity = alert.severity;
    created.lastAlertAt = laterOf(alert.firstSeenAt, created.lastAlertAt);
    return { kind: "new", key: created.key };
  };

  const open = (key: string, alert: PendingAlert): IncidentRef => {
    const created: NewIncident = {
      key,
      title: `${alert.name} on ${alert.serviceSlug}`,
      severity: alert.severity,
      originServiceId: alert.serviceId,
      correlationKey: key,
      openedAt: alert.firstSeenAt,
      lastAlertAt: alert.firstSeenAt,
    };
    newByKey.set(key, created);
    plan.newIncidents.push(created);
    const ref: IncidentRef = { kind: "new", key };
    plan.timeline.push({
      incident: ref,
      at: alert.firstSeenAt,
      kind: "incident.opened",
      text: `Incident opened by ${alert.name} on ${alert.serviceSlug}`,
      data: { alertId: alert.id, serviceId: alert.serviceId },
    });
    return ref;
  };

  for (const alert of [...pending].sort(byFirstSeenThenId)) {
    if (alert.incidentId !== null) {
      plan.timeline.push(
        alertEvent({ kind: "existing", id: alert.incidentId }, alert, alert.status, now),
      );
      continue;
    }
    const key = getCorrelationKey(alert);
    const existing = openByKey.get(key);
    const created = newByKey.get(key);
    let ref: IncidentRef;
    let severityRaised: PlannedTimelineEvent | null = null;
    if (existing) {
      ref = { kind: "existing", id: existing.id };
      severityRaised = joinExisting(existing, alert);
    } else if (created) ref = joinNew(created, alert);
    else if (alert.hasFired) ref = open(key, alert);
    else continue; // only ever seen resolved, and nothing open to attach it to

    plan.assignments.push({ alertId: alert.id, incident: ref });
    if (alert.hasFired) plan.timeline.push(alertEvent(ref, alert, "firing", now));
    if (severityRaised) plan.timeline.push(severityRaised);
    if (alert.status === "resolved") plan.timeline.push(alertEvent(ref, alert, "resolved", now));
  }
  plan.incidentUpdates = [...updates.values()];
  return plan;
}

function alertEvent(
  incident: IncidentRef,
  alert: PendingAlert,
  status: PendingAlert["status"],
  now: Date,
): PlannedTimelineEvent {
  const fired = status === "firing";
  return {
    incident,
    at: fired ? alert.startsAt : (alert.endsAt ?? now),
    kind: fired ? "alert.fired" : "alert.resolved",
    text: `${alert.name} ${fired ? "fired" : "resolved"} on ${alert.serviceSlug}`,
    data: { alertId: alert.id, serviceId: alert.serviceId, severity: alert.severity },
  };
}

function byFirstSeenThenId(a: PendingAlert, b: PendingAlert): number {
  return a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || a.id - b.id;
}

function laterOf(a: Date, b: Date): Date {
  return a > b ? a : b;
}
