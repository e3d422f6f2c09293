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

  for (const alert of [...pending].sort(byFirstSeenThenId)) {
    if (alert.incidentId !== null) {
      plan.timeline.push(alertEvent({ kind: "existing", id: alert.incidentId }, alert, now));
      continue;
    }
    // A resolved alert that never fired here opens nothing.
    if (alert.status === "resolved") continue;

    const key = getCorrelationKey(alert);
    const open = openByKey.get(key);
    if (open) {
      const ref: IncidentRef = { kind: "existing", id: open.id };
      plan.assignments.push({ alertId: alert.id, incident: ref });
      plan.timeline.push(alertEvent(ref, alert, now));
      const current = updates.get(open.id) ?? {
        id: open.id,
        severity: open.severity,
        lastAlertAt: open.lastAlertAt,
      };
      const raised = maxSeverity(current.severity, alert.severity);
      if (raised !== current.severity) {
        plan.timeline.push({
          incident: ref,
          at: alert.firstSeenAt,
          kind: "severity.raised",
          text: `Severity raised from ${current.severity} to ${raised} by ${alert.name}`,
          data: { from: current.severity, to: raised, alertId: alert.id },
        });
      }
      updates.set(open.id, {
        id: open.id,
        severity: raised,
        lastAlertAt: laterOf(alert.firstSeenAt, current.lastAlertAt),
      });
      continue;
    }

    let created = newByKey.get(key);
    if (!created) {
      created = {
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
      plan.timeline.push({
        incident: { kind: "new", key },
        at: alert.firstSeenAt,
        kind: "incident.opened",
        text: `Incident opened by ${alert.name} on ${alert.serviceSlug}`,
        data: { alertId: alert.id, serviceId: alert.serviceId },
      });
    } else {
      if (compareSeverity(alert.severity, created.severity) > 0) created.severity = alert.severity;
      created.lastAlertAt = laterOf(alert.firstSeenAt, created.lastAlertAt);
    }
    const ref: IncidentRef = { kind: "new", key };
    plan.assignments.push({ alertId: alert.id, incident: ref });
    plan.timeline.push(alertEvent(ref, alert, now));
  }
  plan.incidentUpdates = [...updates.values()];
  return plan;
}

function alertEvent(incident: IncidentRef, alert: PendingAlert, now: Date): PlannedTimelineEvent {
  const fired = alert.status === "firing";
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
