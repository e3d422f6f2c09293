import { ZServiceMetadata } from "../catalog/schemas";
import { findChangeWindow } from "../changes/find-change-window";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import { traceIncidentBlastRadius } from "../graph/get-incident-blast-radius";
import { SIGNAL_FRESHNESS_MINUTES } from "../signals/schemas";
import { buildIncidentCandidates } from "./build-incident-candidates";
import type { TCandidate, TIncidentContext, TSchedule } from "./schemas";

const HISTORY_DAYS = 90;

export type TLoadedCandidates = { context: TIncidentContext; candidates: TCandidate[] };

/**
 * Everything the features need for one incident, read once: its blast radius, alerts, signal
 * values, recent changes, schedules and each candidate's history before this incident.
 */
export async function loadIncidentCandidates(
  incidentId: number,
  now = new Date(),
): Promise<TLoadedCandidates> {
  const prisma = await getPrisma();
  const incident = await prisma.incident.findUnique({
    where: { id: incidentId },
    select: { id: true, openedAt: true, originServiceId: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
  const { blastRadius, graph, serviceIds } = await traceIncidentBlastRadius(incidentId, now);
  const window = await findChangeWindow(prisma, incident);
  const alerts = await prisma.alert.findMany({
    where: { incidentId },
    select: { serviceId: true, name: true },
  });
  const alertCounts = new Map<number, number>();
  for (const alert of alerts)
    alertCounts.set(alert.serviceId, (alertCounts.get(alert.serviceId) ?? 0) + 1);
  const alertNames = [...new Set(alerts.map((alert) => alert.name))].sort();
  const changes = await prisma.changeEvent.findMany({
    where: { serviceId: { in: serviceIds }, at: { gte: window.since, lte: now } },
    select: { id: true, serviceId: true, kind: true, at: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  const services = await prisma.service.findMany({
    where: { id: { in: serviceIds } },
    select: { id: true, metadata: true },
  });
  const schedules = new Map<number, TSchedule[]>(
    services.map((service) => [
      service.id,
      ZServiceMetadata.safeParse(service.metadata).data?.schedules ?? [],
    ]),
  );
  const candidates = buildIncidentCandidates({
    blastRadius,
    graph,
    alertCounts,
    signals: await loadSignalValues(serviceIds, now),
    changes: changes.flatMap((change) =>
      change.serviceId === null ? [] : [{ ...change, serviceId: change.serviceId }],
    ),
    history: await loadHistory(incident, serviceIds, alertNames),
    schedules,
  });
  return { context: { firstAlertAt: window.firstAlertAt, alertNames }, candidates };
}

/** The freshest error-rate and latency value per service; null when none is fresh. */
async function loadSignalValues(serviceIds: number[], now: Date) {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<
    { service_id: number; metric: string; value: number }[]
  >(
    `SELECT DISTINCT ON (service_id, metric) service_id, metric::text AS metric, value
       FROM signal_samples
      WHERE at >= $1::timestamptz AND metric::text IN ('error_rate', 'latency_p99_ms')
        AND service_id IN (SELECT jsonb_array_elements_text($2::jsonb)::int)
      ORDER BY service_id, metric, at DESC`,
    new Date(now.getTime() - SIGNAL_FRESHNESS_MINUTES * 60_000).toISOString(),
    JSON.stringify(serviceIds),
  );
  const values = new Map<number, { errorRate: number | null; latencyP99Ms: number | null }>();
  for (const row of rows) {
    const entry = values.get(row.service_id) ?? { errorRate: null, latencyP99Ms: null };
    if (row.metric === "error_rate") entry.errorRate = row.value;
    else entry.latencyP99Ms = row.value;
    values.set(row.service_id, entry);
  }
  return values;
}

/**
 * Per service, its incidents in the 90 days before this one opened, and how many of those were
 * confirmed caused by it with a symptom like this one (an alert name in common).
 */
async function loadHistory(
  incident: { id: number; openedAt: Date },
  serviceIds: number[],
  alertNames: string[],
) {
  const prisma = await getPrisma();
  const since = new Date(incident.openedAt.getTime() - HISTORY_DAYS * 24 * 3_600_000);
  const prior = await prisma.incidentService.findMany({
    where: {
      serviceId: { in: serviceIds },
      incident: { openedAt: { gte: since, lt: incident.openedAt }, id: { not: incident.id } },
    },
    select: {
      serviceId: true,
      incident: {
        select: {
          confirmedCauseServiceId: true,
          alerts: { select: { name: true }, distinct: ["name"] },
        },
      },
    },
  });
  const names = new Set(alertNames);
  const history = new Map<number, { priorIncidents: number; priorConfirmedSimilar: number }>();
  for (const row of prior) {
    const entry = history.get(row.serviceId) ?? { priorIncidents: 0, priorConfirmedSimilar: 0 };
    entry.priorIncidents++;
    const isCause = row.incident.confirmedCauseServiceId === row.serviceId;
    if (isCause && row.incident.alerts.some((alert) => names.has(alert.name)))
      entry.priorConfirmedSimilar++;
    history.set(row.serviceId, entry);
  }
  return history;
}
