import { findServicesWithinHops, isPlacedInGraph } from "../graph/find-services-within-hops";
import type { ServiceGraph } from "../graph/schemas";
import { maxSeverity } from "../ingest/map-labels";
import type {
  CorrelationConfig,
  CorrelationPlan,
  IncidentRef,
  NewIncident,
  OpenIncident,
  PendingAlert,
  PlannedTimelineEvent,
} from "./schemas";

/** An incident an alert could join, whether it exists already or this pass opens it. */
type Candidate = {
  ref: IncidentRef;
  openedAt: Date;
  lastAlertAt: Date;
  severity: PendingAlert["severity"];
  serviceIds: Set<number>;
  /** Sender group → when its last alert in this incident arrived. */
  senderGroups: Map<string, Date>;
};

type Match = { candidate: Candidate; hops: number };

/** What the graph says about the alert being matched, worked out once per alert. */
type AlertContext = {
  at: Date;
  distances: Map<number, number>;
  senderGroup: string | null;
  isPlaced: boolean;
};

/**
 * Decides, without I/O, which incident each pending alert belongs to. An alert joins the open
 * incident with a service nearest to its own (same service, or within `maxHops` strong edges),
 * if that incident's last alert is within the window and it is younger than its maximum lifetime.
 * Where the graph has nothing to say, the sender's grouping decides: an alert joins an incident
 * holding an alert of its sender group from within the window, unless the alert's service and
 * the incident's are both placed in the graph (and so, not being near, are known apart).
 * Otherwise it opens a new incident, linked to a related incident that has grown too old.
 */
export function correlateAlerts(
  pending: PendingAlert[],
  openIncidents: OpenIncident[],
  graph: ServiceGraph,
  config: CorrelationConfig,
  now: Date,
): CorrelationPlan {
  const plan: CorrelationPlan = {
    newIncidents: [],
    assignments: [],
    incidentUpdates: [],
    pagerdutyLinks: [],
    timeline: [],
  };
  const candidates: Candidate[] = openIncidents.map((incident) => ({
    ref: { kind: "existing", id: incident.id },
    openedAt: incident.openedAt,
    lastAlertAt: incident.lastAlertAt,
    severity: incident.severity,
    serviceIds: new Set(incident.serviceIds),
    senderGroups: new Map(
      incident.senderGroups.map((group) => [group.senderGroup, group.lastSeenAt] as const),
    ),
  }));
  const placedCache = new Map<number, boolean>();
  const isPlaced = (serviceId: number) => {
    let placed = placedCache.get(serviceId);
    if (placed === undefined) {
      placed = isPlacedInGraph(graph, serviceId);
      placedCache.set(serviceId, placed);
    }
    return placed;
  };
  const newCandidates = new Map<string, Candidate>();
  const recordAlertEvent = createAlertEventRecorder(plan, now);
  const touched = new Set<Candidate>();
  const nearbyCache = new Map<number, Map<number, number>>();
  const nearby = (serviceId: number) => {
    let distances = nearbyCache.get(serviceId);
    if (!distances) {
      distances = findServicesWithinHops(graph, serviceId, config.maxHops);
      nearbyCache.set(serviceId, distances);
    }
    return distances;
  };

  for (const alert of [...pending].sort(byFirstSeenThenId)) {
    if (alert.incidentId !== null) {
      recordAlertEvent({ kind: "existing", id: alert.incidentId }, alert, alert.status);
      continue;
    }
    const context: AlertContext = {
      at: alert.firstSeenAt,
      distances: nearby(alert.serviceId),
      senderGroup: alert.senderGroup,
      isPlaced: isPlaced(alert.serviceId),
    };
    const { joinable, tooOld } = findMatches(candidates, context, isPlaced, config);
    let candidate = joinable?.candidate;
    if (!candidate) {
      // Only ever seen resolved and nothing to attach it to: it opens nothing.
      if (!alert.hasFired) continue;
      const parentIncidentId =
        tooOld?.candidate.ref.kind === "existing" ? tooOld.candidate.ref.id : null;
      candidate = openIncident(plan, alert, parentIncidentId, recordAlertEvent);
      if (alert.senderGroup) candidate.senderGroups.set(alert.senderGroup, alert.firstSeenAt);
      candidates.push(candidate);
      if (candidate.ref.kind === "new") newCandidates.set(candidate.ref.key, candidate);
    } else {
      const raised = maxSeverity(candidate.severity, alert.severity);
      if (alert.hasFired) recordAlertEvent(candidate.ref, alert, "firing");
      if (raised !== candidate.severity) {
        plan.timeline.push(severityEvent(candidate.ref, alert, candidate.severity, raised));
        candidate.severity = raised;
      }
      candidate.lastAlertAt = laterOf(candidate.lastAlertAt, alert.firstSeenAt);
      candidate.serviceIds.add(alert.serviceId);
      if (alert.senderGroup) {
        const seen = candidate.senderGroups.get(alert.senderGroup);
        candidate.senderGroups.set(
          alert.senderGroup,
          seen ? laterOf(seen, alert.firstSeenAt) : alert.firstSeenAt,
        );
      }
      touched.add(candidate);
    }
    plan.assignments.push({ alertId: alert.id, incident: candidate.ref });
    if (alert.status === "resolved") recordAlertEvent(candidate.ref, alert, "resolved");
    if (alert.pagerdutyIncidentId) {
      plan.pagerdutyLinks.push({
        incident: candidate.ref,
        pagerdutyIncidentId: alert.pagerdutyIncidentId,
      });
    }
  }

  for (const candidate of touched) {
    if (candidate.ref.kind === "existing") {
      plan.incidentUpdates.push({
        id: candidate.ref.id,
        severity: candidate.severity,
        lastAlertAt: candidate.lastAlertAt,
      });
    }
  }
  for (const incident of plan.newIncidents) {
    const candidate = newCandidates.get(incident.key);
    if (!candidate) continue;
    incident.severity = candidate.severity;
    incident.lastAlertAt = candidate.lastAlertAt;
    incident.serviceIds = [...candidate.serviceIds];
  }
  return plan;
}

/** The nearest joinable incident, and (if none) the nearest related one that is too old to join. */
function findMatches(
  candidates: Candidate[],
  alert: AlertContext,
  isPlaced: (serviceId: number) => boolean,
  config: CorrelationConfig,
): { joinable: Match | null; tooOld: Match | null } {
  let joinable: Match | null = null;
  let tooOld: Match | null = null;
  for (const candidate of candidates) {
    const quietMinutes = (alert.at.getTime() - candidate.lastAlertAt.getTime()) / 60_000;
    if (quietMinutes > config.windowMinutes) continue;
    const hops = measureRelation(candidate, alert, isPlaced, config);
    if (hops === null) continue;
    const ageHours = (alert.at.getTime() - candidate.openedAt.getTime()) / 3_600_000;
    const match = { candidate, hops };
    if (ageHours > config.maxLifetimeHours) {
      if (!tooOld || isBetter(match, tooOld)) tooOld = match;
    } else if (!joinable || isBetter(match, joinable)) {
      joinable = match;
    }
  }
  return { joinable, tooOld };
}

/**
 * How closely an alert relates to an incident: the hops to its nearest service, or one past the
 * hop limit when only the sender's grouping links them (topology first); null when unrelated.
 */
function measureRelation(
  candidate: Candidate,
  alert: AlertContext,
  isPlaced: (serviceId: number) => boolean,
  config: CorrelationConfig,
): number | null {
  let hops = Number.POSITIVE_INFINITY;
  for (const serviceId of candidate.serviceIds)
    hops = Math.min(hops, alert.distances.get(serviceId) ?? hops);
  if (Number.isFinite(hops)) return hops;
  if (alert.senderGroup === null) return null;
  const groupSeenAt = candidate.senderGroups.get(alert.senderGroup);
  if (!groupSeenAt) return null;
  if ((alert.at.getTime() - groupSeenAt.getTime()) / 60_000 > config.windowMinutes) return null;
  // Both placed in the graph and not near each other: the topology keeps them apart.
  if (alert.isPlaced && [...candidate.serviceIds].some(isPlaced)) return null;
  return config.maxHops + 1;
}

/** Nearer wins; between equally near incidents, the one that heard from an alert last. */
function isBetter(a: Match, b: Match): boolean {
  if (a.hops !== b.hops) return a.hops < b.hops;
  return a.candidate.lastAlertAt > b.candidate.lastAlertAt;
}

function openIncident(
  plan: CorrelationPlan,
  alert: PendingAlert,
  parentIncidentId: number | null,
  recordAlertEvent: ReturnType<typeof createAlertEventRecorder>,
): Candidate {
  const key = `new-${alert.id}`;
  const incident: NewIncident = {
    key,
    title: `${alert.name} on ${alert.serviceSlug}`,
    severity: alert.severity,
    originServiceId: alert.serviceId,
    parentIncidentId,
    openedAt: alert.firstSeenAt,
    lastAlertAt: alert.firstSeenAt,
    serviceIds: [alert.serviceId],
  };
  plan.newIncidents.push(incident);
  const ref: IncidentRef = { kind: "new", key };
  plan.timeline.push({
    incident: ref,
    at: alert.firstSeenAt,
    kind: "incident.opened",
    text:
      parentIncidentId === null
        ? `Incident opened by ${alert.name} on ${alert.serviceSlug}`
        : `Incident opened by ${alert.name} on ${alert.serviceSlug}, continuing #${parentIncidentId}`,
    data: { alertId: alert.id, serviceId: alert.serviceId, parentIncidentId },
  });
  recordAlertEvent(ref, alert, "firing");
  return {
    ref,
    openedAt: incident.openedAt,
    lastAlertAt: incident.lastAlertAt,
    severity: incident.severity,
    serviceIds: new Set(incident.serviceIds),
    senderGroups: new Map(),
  };
}

/**
 * Puts alert firings and resolutions on the timeline, one line per incident, service and alert
 * name in a pass: a storm reads "PodCrashLooping fired on order-service (4 alerts)", not 4 lines.
 */
function createAlertEventRecorder(plan: CorrelationPlan, now: Date) {
  const events = new Map<string, PlannedTimelineEvent & { data: { alertIds: number[] } }>();
  return (incident: IncidentRef, alert: PendingAlert, status: PendingAlert["status"]) => {
    const fired = status === "firing";
    const incidentKey = incident.kind === "existing" ? `#${incident.id}` : incident.key;
    const key = `${incidentKey}|${status}|${alert.serviceId}|${alert.name}`;
    const verb = fired ? "fired" : "resolved";
    const existing = events.get(key);
    if (existing) {
      existing.data.alertIds.push(alert.id);
      existing.text = `${alert.name} ${verb} on ${alert.serviceSlug} (${existing.data.alertIds.length} alerts)`;
      return;
    }
    const event = {
      incident,
      at: fired ? alert.startsAt : (alert.endsAt ?? now),
      kind: fired ? ("alert.fired" as const) : ("alert.resolved" as const),
      text: `${alert.name} ${verb} on ${alert.serviceSlug}`,
      data: { alertIds: [alert.id], serviceId: alert.serviceId, severity: alert.severity },
    };
    events.set(key, event);
    plan.timeline.push(event);
  };
}

function severityEvent(
  incident: IncidentRef,
  alert: PendingAlert,
  from: PendingAlert["severity"],
  to: PendingAlert["severity"],
): PlannedTimelineEvent {
  return {
    incident,
    at: alert.firstSeenAt,
    kind: "severity.raised",
    text: `Severity raised from ${from} to ${to} by ${alert.name} on ${alert.serviceSlug}`,
    data: { from, to, alertId: alert.id },
  };
}

function byFirstSeenThenId(a: PendingAlert, b: PendingAlert): number {
  return a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || a.id - b.id;
}

function laterOf(a: Date, b: Date): Date {
  return a > b ? a : b;
}
