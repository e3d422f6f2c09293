import { getPrisma } from "../db";
import { getEnv } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { loadServiceGraph } from "../graph/load-service-graph";
import { requestIncidentScoring } from "../scoring/request-incident-scoring";
import { correlateAlerts } from "./correlate-alerts";
import { lockCorrelation } from "./lock-correlation";
import type {
  CorrelationConfig,
  CorrelationPlan,
  IncidentRef,
  OpenIncident,
  PendingAlert,
} from "./schemas";

export const CORRELATION_BATCH_SIZE = 2_000;

export type CorrelationResult = { alertsProcessed: number; incidentsOpened: number[] };

export function getCorrelationConfig(): CorrelationConfig {
  const env = getEnv();
  return {
    maxHops: env.FAULTLINE_CORRELATION_MAX_HOPS,
    windowMinutes: env.FAULTLINE_CORRELATION_WINDOW_MINUTES,
    maxLifetimeHours: env.FAULTLINE_INCIDENT_MAX_LIFETIME_HOURS,
  };
}

/** Loads alerts the correlator has not seen, plans with the pure correlator, and persists the plan. */
export async function correlatePendingAlerts(
  options: { now?: Date; batchSize?: number; config?: CorrelationConfig } = {},
): Promise<CorrelationResult> {
  const prisma = await getPrisma();
  const now = options.now ?? new Date();
  const config = options.config ?? getCorrelationConfig();
  return prisma.$transaction(
    async (tx) => {
      await lockCorrelation(tx);
      const pending = await loadPendingAlerts(tx, options.batchSize ?? CORRELATION_BATCH_SIZE);
      if (pending.length === 0) return { alertsProcessed: 0, incidentsOpened: [] };
      // One after the other: a transaction is one connection, and pg refuses overlapping queries.
      const open = await loadOpenIncidents(tx, pending, findGroupCutoff(pending, config));
      const graph = await loadServiceGraph(tx);
      const plan = correlateAlerts(pending, open, graph, config, now);
      const incidentsOpened = await persistPlan(tx, plan, pending, now);
      return { alertsProcessed: pending.length, incidentsOpened };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

async function loadPendingAlerts(
  tx: Prisma.TransactionClient,
  batchSize: number,
): Promise<PendingAlert[]> {
  // Locked up front and in id order, as an ingest write locks the alerts it updates: the two
  // then queue for each other instead of deadlocking over rows each took in its own order.
  // The pending alerts are found through the correlated_at index: "ORDER BY id LIMIT n" alone
  // walks the primary key past every alert ever correlated. One raw statement, and no labels
  // fetched: a pass over a storm's alerts is the correlator's hot path.
  const rows = await tx.$queryRawUnsafe<PendingAlertRow[]>(
    `SELECT a.id, a.service_id, s.slug AS service_slug, a.status::text AS status, a.has_fired,
       a.name, a.severity::text AS severity, a.starts_at, a.ends_at, a.created_at,
       a.source::text AS source, nullif(a.group_key, '') AS group_key,
       a.incident_id,
       CASE WHEN a.source = 'pagerduty' THEN nullif(a.labels->>'pagerduty_incident_id', '') END
         AS pagerduty_incident_id
     FROM alerts a JOIN services s ON s.id = a.service_id
     WHERE a.id = ANY(ARRAY(
       SELECT id FROM alerts WHERE correlated_at IS NULL ORDER BY correlated_at LIMIT $1
     )) AND a.correlated_at IS NULL
     ORDER BY a.id FOR NO KEY UPDATE OF a`,
    batchSize,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    serviceId: Number(row.service_id),
    serviceSlug: row.service_slug,
    status: row.status,
    hasFired: row.has_fired,
    name: row.name,
    severity: row.severity,
    startsAt: new Date(row.starts_at),
    endsAt: row.ends_at === null ? null : new Date(row.ends_at),
    firstSeenAt: new Date(row.created_at),
    senderGroup: row.group_key === null ? null : `${row.source}:${row.group_key}`,
    groupSource: row.group_key === null ? null : row.source,
    groupKey: row.group_key,
    incidentId: row.incident_id === null ? null : Number(row.incident_id),
    pagerdutyIncidentId: row.pagerduty_incident_id,
  }));
}

type PendingAlertRow = {
  id: number;
  service_id: number;
  service_slug: string;
  status: PendingAlert["status"];
  has_fired: boolean;
  name: string;
  severity: PendingAlert["severity"];
  starts_at: Date | string;
  ends_at: Date | string | null;
  created_at: Date | string;
  source: string;
  group_key: string | null;
  incident_id: number | null;
  pagerduty_incident_id: string | null;
};

async function loadOpenIncidents(
  tx: Prisma.TransactionClient,
  pending: PendingAlert[],
  groupCutoff: Date,
): Promise<OpenIncident[]> {
  // One raw statement: every pass reads these, and a model query costs a compile and an
  // interpretation in Prisma's client on top of the round trip.
  const rows = await tx.$queryRawUnsafe<OpenIncidentRow[]>(
    `SELECT i.id, i.status::text AS status, i.severity::text AS severity, i.opened_at,
       i.last_alert_at,
       (SELECT coalesce(string_agg(s.service_id::text, ','), '') FROM incident_services s
        WHERE s.incident_id = i.id) AS service_ids
     FROM incidents i WHERE i.status <> 'resolved'`,
  );
  const groups = await loadRecentSenderGroups(tx, pending, groupCutoff);
  return rows.map((row) => ({
    id: Number(row.id),
    status: row.status,
    severity: row.severity,
    openedAt: new Date(row.opened_at),
    lastAlertAt: new Date(row.last_alert_at),
    serviceIds: row.service_ids === "" ? [] : row.service_ids.split(",").map(Number),
    senderGroups: groups.get(Number(row.id)) ?? [],
  }));
}

/**
 * For just the sender groups this pass's alerts belong to: which incidents hold one of their
 * alerts since the cutoff, and when the latest arrived. Found through the (group_key,
 * created_at) index, so a pass costs the same however many alerts the open incidents hold.
 */
async function loadRecentSenderGroups(
  tx: Prisma.TransactionClient,
  pending: PendingAlert[],
  groupCutoff: Date,
): Promise<Map<number, OpenIncident["senderGroups"]>> {
  const keys = new Map<string, { source: string; group_key: string }>();
  for (const { senderGroup, groupSource, groupKey } of pending) {
    if (!senderGroup || !groupSource || !groupKey) continue;
    keys.set(senderGroup, { source: groupSource, group_key: groupKey });
  }
  const byIncident = new Map<number, OpenIncident["senderGroups"]>();
  if (keys.size === 0) return byIncident;
  const rows = await tx.$queryRawUnsafe<
    { incident_id: number; sender_group: string; last_seen_at: Date | string }[]
  >(
    `SELECT a.incident_id, a.source::text || ':' || a.group_key AS sender_group,
       max(a.created_at) AS last_seen_at
     FROM jsonb_to_recordset($1::jsonb) AS k(source text, group_key text)
     JOIN alerts a ON a.group_key = k.group_key AND a.source::text = k.source
     WHERE a.created_at >= $2::timestamptz AND a.incident_id IS NOT NULL
     GROUP BY 1, 2`,
    JSON.stringify([...keys.values()]),
    groupCutoff.toISOString(),
  );
  for (const row of rows) {
    const id = Number(row.incident_id);
    const list = byIncident.get(id) ?? [];
    list.push({ senderGroup: row.sender_group, lastSeenAt: new Date(row.last_seen_at) });
    byIncident.set(id, list);
  }
  return byIncident;
}

/** Sender groups whose last alert is older than this cannot link any pending alert. */
function findGroupCutoff(pending: PendingAlert[], config: CorrelationConfig): Date {
  let earliest = Number.POSITIVE_INFINITY;
  for (const alert of pending) earliest = Math.min(earliest, alert.firstSeenAt.getTime());
  return new Date(earliest - config.windowMinutes * 60_000);
}

type OpenIncidentRow = {
  id: number;
  status: OpenIncident["status"];
  severity: OpenIncident["severity"];
  opened_at: Date | string;
  last_alert_at: Date | string;
  service_ids: string;
};

async function persistPlan(
  tx: Prisma.TransactionClient,
  plan: CorrelationPlan,
  pending: PendingAlert[],
  now: Date,
): Promise<number[]> {
  const idsByKey = new Map<string, number>();
  for (const incident of plan.newIncidents) {
    const created = await tx.incident.create({
      data: {
        title: incident.title,
        severity: incident.severity,
        originServiceId: incident.originServiceId,
        parentIncidentId: incident.parentIncidentId,
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
  await assignAndMarkCorrelated(tx, pending, plan, resolve, now);
  await recordIncidentServices(tx, alertIdsByIncident, pending);
  await requestIncidentScoring(tx, [...alertIdsByIncident.keys()], now);
  if (plan.incidentUpdates.length > 0) {
    // One statement for every incident the pass touched (a storm over 20 services touches 20).
    await tx.$executeRawUnsafe(
      `UPDATE incidents i SET severity = v.severity::severity, last_alert_at = v.last_alert_at,
         updated_at = $1::timestamptz
       FROM jsonb_to_recordset($2::jsonb) AS v(id int, severity text, last_alert_at timestamptz)
       WHERE i.id = v.id`,
      now.toISOString(),
      JSON.stringify(
        plan.incidentUpdates.map((update) => ({
          id: update.id,
          severity: update.severity,
          last_alert_at: update.lastAlertAt.toISOString(),
        })),
      ),
    );
  }
  for (const link of plan.pagerdutyLinks) {
    // One of our incidents per PagerDuty incident: the first link wins.
    await tx.$executeRawUnsafe(
      `UPDATE incidents SET pagerduty_incident_id = $1
       WHERE id = $2 AND pagerduty_incident_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM incidents WHERE pagerduty_incident_id = $1)`,
      link.pagerdutyIncidentId,
      resolve(link.incident),
    );
  }
  if (plan.timeline.length > 0) {
    // In plan order (ids order the timeline where two events share a timestamp).
    await tx.$executeRawUnsafe(
      `INSERT INTO timeline_events (incident_id, at, kind, actor, text, data)
       SELECT v.incident_id, v.at, v.kind, 'faultline', v.text, v.data
       FROM jsonb_to_recordset($1::jsonb)
         AS v(ord int, incident_id int, at timestamptz, kind text, text text, data jsonb)
       ORDER BY v.ord`,
      JSON.stringify(
        plan.timeline.map((event, ord) => ({
          ord,
          incident_id: resolve(event.incident),
          at: event.at.toISOString(),
          kind: event.kind,
          text: event.text,
          data: event.data,
        })),
      ),
    );
  }
  return [...idsByKey.values()];
}

/** Remembers which services each incident now spans (the correlator's next pass reads this). */
async function recordIncidentServices(
  tx: Prisma.TransactionClient,
  alertIdsByIncident: Map<number, number[]>,
  pending: PendingAlert[],
): Promise<void> {
  const alertsById = new Map(pending.map((alert) => [alert.id, alert]));
  const rows = new Map<string, { incidentId: number; serviceId: number; firstAlertAt: Date }>();
  for (const [incidentId, alertIds] of alertIdsByIncident) {
    for (const alertId of alertIds) {
      const alert = alertsById.get(alertId);
      if (!alert) continue;
      const key = `${incidentId}:${alert.serviceId}`;
      const existing = rows.get(key);
      if (!existing || alert.firstSeenAt < existing.firstAlertAt) {
        rows.set(key, { incidentId, serviceId: alert.serviceId, firstAlertAt: alert.firstSeenAt });
      }
    }
  }
  if (rows.size === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO incident_services (incident_id, service_id, first_alert_at)
     SELECT v.incident_id, v.service_id, v.first_alert_at
     FROM jsonb_to_recordset($1::jsonb) AS v(incident_id int, service_id int, first_alert_at timestamptz)
     ON CONFLICT DO NOTHING`,
    JSON.stringify(
      [...rows.values()].map((row) => ({
        incident_id: row.incidentId,
        service_id: row.serviceId,
        first_alert_at: row.firstAlertAt.toISOString(),
      })),
    ),
  );
}

/**
 * One statement writes each pending alert once: its incident, and that it was correlated. Only
 * alerts whose status is still the one planned with are marked; a newer change stays pending.
 */
async function assignAndMarkCorrelated(
  tx: Prisma.TransactionClient,
  pending: PendingAlert[],
  plan: CorrelationPlan,
  resolve: (ref: IncidentRef) => number,
  now: Date,
): Promise<void> {
  const incidentByAlert = new Map(
    plan.assignments.map(({ alertId, incident }) => [alertId, resolve(incident)]),
  );
  const rows = pending.map((alert) => ({
    id: alert.id,
    incident_id: incidentByAlert.get(alert.id) ?? null,
    status: alert.status,
  }));
  await tx.$executeRawUnsafe(
    `UPDATE alerts a SET
       incident_id = coalesce(v.incident_id, a.incident_id),
       correlated_at = CASE WHEN a.status::text = v.status THEN $1::timestamptz ELSE a.correlated_at END,
       updated_at = $1::timestamptz
     FROM jsonb_to_recordset($2::jsonb) AS v(id int, incident_id int, status text)
     WHERE a.id = v.id`,
    now.toISOString(),
    JSON.stringify(rows),
  );
}
