import { getPrisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { correlateAlerts } from "./correlate-alerts";
import type { CorrelationPlan, IncidentRef, OpenIncident, PendingAlert } from "./schemas";

// Correlation reads open incidents and writes new ones; one pass at a time across all processes.
const CORRELATION_LOCK_KEY = 7_411_902_555_010_002n;
export const CORRELATION_BATCH_SIZE = 2_000;

export type CorrelationResult = { alertsProcessed: number; incidentsOpened: number[] };

/** Loads alerts the correlator has not seen, plans with the pure correlator, and persists the plan. */
export async function correlatePendingAlerts(
  options: { now?: Date; batchSize?: number } = {},
): Promise<CorrelationResult> {
  const prisma = await getPrisma();
  const now = options.now ?? new Date();
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(
        "SELECT 1 FROM pg_advisory_xact_lock($1)",
        CORRELATION_LOCK_KEY.toString(),
      );
      const pending = await loadPendingAlerts(tx, options.batchSize ?? CORRELATION_BATCH_SIZE);
      if (pending.length === 0) return { alertsProcessed: 0, incidentsOpened: [] };
      const open = await loadOpenIncidents(tx);
      const plan = correlateAlerts(pending, open, now);
      const incidentsOpened = await persistPlan(tx, plan);
      await markCorrelated(tx, pending, now);
      return { alertsProcessed: pending.length, incidentsOpened };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

async function loadPendingAlerts(
  tx: Prisma.TransactionClient,
  batchSize: number,
): Promise<PendingAlert[]> {
  const rows = await tx.alert.findMany({
    where: { correlatedAt: null },
    orderBy: { id: "asc" },
    take: batchSize,
    select: {
      id: true,
      serviceId: true,
      status: true,
      hasFired: true,
      name: true,
      severity: true,
      startsAt: true,
      endsAt: true,
      createdAt: true,
      groupKey: true,
      incidentId: true,
      service: { select: { slug: true } },
    },
  });
  return rows.map(({ service, createdAt, ...alert }) => ({
    ...alert,
    serviceSlug: service.slug,
    firstSeenAt: createdAt,
  }));
}

async function loadOpenIncidents(tx: Prisma.TransactionClient): Promise<OpenIncident[]> {
  return tx.incident.findMany({
    where: { status: { not: "resolved" } },
    select: {
      id: true,
      status: true,
      severity: true,
      correlationKey: true,
      openedAt: true,
      lastAlertAt: true,
    },
  });
}

async function persistPlan(tx: Prisma.TransactionClient, plan: CorrelationPlan): Promise<number[]> {
  const idsByKey = new Map<string, number>();
  for (const incident of plan.newIncidents) {
    const created = await tx.incident.create({
      data: {
        title: incident.title,
        severity: incident.severity,
        correlationKey: incident.correlationKey,
        originServiceId: incident.originServiceId,
        openedAt: incident.openedAt,
        lastAlertAt: incident.lastAlertAt,
      },
      select: { id: true },
    });
    idsByKey.set(incident.key, created.id);
  }
  const resolve = (ref: IncidentRef): number => {
    if (ref.kind === "existing") return ref.id;
    const id = idsByKey.get(ref.key);
    if (id === undefined)
      throw new Error(`correlation plan refers to unknown new incident ${ref.key}`);
    return id;
  };

  const alertIdsByIncident = new Map<number, number[]>();
  for (const { alertId, incident } of plan.assignments) {
    const incidentId = resolve(incident);
    alertIdsByIncident.set(incidentId, [...(alertIdsByIncident.get(incidentId) ?? []), alertId]);
  }
  for (const [incidentId, alertIds] of alertIdsByIncident) {
    await tx.alert.updateMany({ where: { id: { in: alertIds } }, data: { incidentId } });
  }
  for (const update of plan.incidentUpdates) {
    await tx.incident.update({
      where: { id: update.id },
      data: { severity: update.severity, lastAlertAt: update.lastAlertAt },
    });
  }
  if (plan.timeline.length > 0) {
    await tx.timelineEvent.createMany({
      data: plan.timeline.map((event) => ({
        incidentId: resolve(event.incident),
        at: event.at,
        kind: event.kind,
        actor: "faultline",
        text: event.text,
        data: event.data as Prisma.InputJsonValue,
      })),
    });
  }
  return [...idsByKey.values()];
}

/** Only alerts whose status is still the one we planned with; a newer change stays pending. */
async function markCorrelated(
  tx: Prisma.TransactionClient,
  pending: PendingAlert[],
  now: Date,
): Promise<void> {
  for (const status of ["firing", "resolved"] as const) {
    const ids = pending.filter((alert) => alert.status === status).map((alert) => alert.id);
    if (ids.length > 0) {
      await tx.alert.updateMany({
        where: { id: { in: ids }, status },
        data: { correlatedAt: now },
      });
    }
  }
}
