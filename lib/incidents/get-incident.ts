import { listIncidentChanges } from "../changes/list-incident-changes";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import { toStringRecord } from "../json";
import { countAlertsByIncident } from "./list-incidents";
import type { IncidentDetail } from "./schemas";

const serviceSummary = { select: { id: true, slug: true, name: true } } as const;
export const MAX_ALERTS_SHOWN = 500;
export const MAX_TIMELINE_EVENTS_SHOWN = 1_000;

/** An incident with its alerts (firing first) and its timeline (oldest first). */
export async function getIncidentOrThrow(id: number): Promise<IncidentDetail> {
  const prisma = await getPrisma();
  const incident = await prisma.incident.findUnique({
    where: { id },
    include: {
      originService: serviceSummary,
      // A storm can hold thousands of alerts: the page shows the first ones, the counts tell the rest.
      alerts: {
        include: { service: serviceSummary },
        orderBy: [{ status: "asc" }, { startsAt: "asc" }, { id: "asc" }],
        take: MAX_ALERTS_SHOWN,
      },
      timeline: { orderBy: [{ at: "desc" }, { id: "desc" }], take: MAX_TIMELINE_EVENTS_SHOWN },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", `Incident ${id} does not exist.`);
  const counts = (await countAlertsByIncident([id])).get(id);
  const changes = await listIncidentChanges(incident);
  return {
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    originService: incident.originService,
    pagerdutyIncidentId: incident.pagerdutyIncidentId,
    openedAt: incident.openedAt,
    lastAlertAt: incident.lastAlertAt,
    acknowledgedAt: incident.acknowledgedAt,
    mitigatedAt: incident.mitigatedAt,
    resolvedAt: incident.resolvedAt,
    alertCount: counts?.total ?? 0,
    firingAlertCount: counts?.firing ?? 0,
    serviceCount: counts?.services ?? 0,
    parentIncidentId: incident.parentIncidentId,
    alerts: incident.alerts.map((alert) => ({
      id: alert.id,
      source: alert.source,
      fingerprint: alert.fingerprint,
      status: alert.status,
      name: alert.name,
      severity: alert.severity,
      summary: alert.summary,
      labels: toStringRecord(alert.labels),
      annotations: toStringRecord(alert.annotations),
      startsAt: alert.startsAt,
      endsAt: alert.endsAt,
      generatorUrl: alert.generatorUrl,
      service: alert.service,
    })),
    changes,
    // Fetched newest first so the cap keeps the latest events; shown oldest first. Changes are
    // read from their own table, so one recorded after the incident opened still shows.
    timeline: [
      ...incident.timeline.map((event) => ({
        id: event.id,
        at: event.at,
        kind: event.kind,
        actor: event.actor,
        text: event.text,
      })),
      ...changes.map((change) => ({
        id: -change.id,
        at: change.at,
        kind: `change.${change.kind}`,
        actor: change.author ?? "faultline",
        text: change.lead,
      })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id),
  };
}
