import { getPrisma } from "../db";
import type { IncidentSummary, TIncidentListQuery } from "./schemas";

/** Newest first, with how many alerts each holds and how many still fire. */
export async function listIncidents(query: TIncidentListQuery): Promise<IncidentSummary[]> {
  const prisma = await getPrisma();
  const incidents = await prisma.incident.findMany({
    where: query.status ? { status: { in: query.status } } : {},
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    take: query.limit,
    include: { originService: { select: { id: true, slug: true, name: true } } },
  });
  const counts = await countAlertsByIncident(incidents.map((incident) => incident.id));
  return incidents.map((incident) => ({
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    originService: incident.originService,
    pagerdutyIncidentId: incident.pagerdutyIncidentId,
    openedAt: incident.openedAt,
    lastAlertAt: incident.lastAlertAt,
    resolvedAt: incident.resolvedAt,
    alertCount: counts.get(incident.id)?.total ?? 0,
    firingAlertCount: counts.get(incident.id)?.firing ?? 0,
    serviceCount: counts.get(incident.id)?.services ?? 0,
  }));
}

export type AlertCounts = { total: number; firing: number; services: number };

export async function countAlertsByIncident(
  incidentIds: number[],
): Promise<Map<number, AlertCounts>> {
  const counts = new Map<number, AlertCounts>();
  if (incidentIds.length === 0) return counts;
  const prisma = await getPrisma();
  const groups = await prisma.alert.groupBy({
    by: ["incidentId", "status"],
    where: { incidentId: { in: incidentIds } },
    _count: { _all: true },
  });
  for (const group of groups) {
    if (group.incidentId === null) continue;
    const entry = counts.get(group.incidentId) ?? { total: 0, firing: 0, services: 0 };
    entry.total += group._count._all;
    if (group.status === "firing") entry.firing += group._count._all;
    counts.set(group.incidentId, entry);
  }
  const services = await prisma.incidentService.groupBy({
    by: ["incidentId"],
    where: { incidentId: { in: incidentIds } },
    _count: { _all: true },
  });
  for (const group of services) {
    const entry = counts.get(group.incidentId);
    if (entry) entry.services = group._count._all;
  }
  return counts;
}
