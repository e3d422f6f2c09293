import { createHash } from "node:crypto";
import { getDb } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type {
  AcceptedDelivery,
  NormalizedAlert,
  NormalizedChangeEvent,
  ParsedDelivery,
} from "./schemas";

export type DeliveryToStore = AcceptedDelivery & { integrationId: number | null };

export type StoredDelivery = {
  /** Null when the sender's delivery key was seen before: nothing was stored. */
  deliveryId: number | null;
  isDuplicate: boolean;
  alertsReceived: number;
  /** Alerts seen for the first time; the rest were updates or repeats of known ones. */
  alertsCreated: number;
  changeEventsStored: number;
};

// Finds or creates (marked unmapped) the services an "incoming" CTE names by service_slug.
// A concurrent delivery may create the same service first; DO UPDATE still returns its id.
const SERVICE_IDS_CTES = `
known_services AS (
  SELECT id, slug FROM services WHERE slug IN (SELECT service_slug FROM incoming)
), new_services AS (
  INSERT INTO services (slug, name, is_unmapped)
  SELECT DISTINCT ON (service_slug) service_slug, service_name, true FROM incoming
  WHERE service_slug IS NOT NULL AND service_slug NOT IN (SELECT slug FROM known_services)
  ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
  RETURNING id, slug
), service_ids AS (
  SELECT id, slug FROM known_services UNION ALL SELECT id, slug FROM new_services
)`;

// One statement, so the delivery, new services and alerts commit together or not at all.
// A delivery key seen before inserts no delivery and therefore no alerts.
const STORE_DELIVERY_SQL = `
WITH delivery AS (
  INSERT INTO raw_deliveries (source, integration_id, delivery_key, headers, body, body_sha256, alert_count, received_at)
  VALUES ($1::alert_source, $2, $3, $4::jsonb, $5, $6, $7, $8::timestamptz)
  ON CONFLICT (source, delivery_key) DO NOTHING
  RETURNING id
), incoming AS (
  SELECT * FROM jsonb_to_recordset($9::jsonb) AS a(
    fingerprint text, status text, name text, severity text, summary text, labels jsonb,
    annotations jsonb, starts_at timestamptz, ends_at timestamptz, generator_url text,
    group_key text, service_slug text, service_name text)
), ${SERVICE_IDS_CTES}, locked AS (
  -- The alerts that already exist, locked in id order before any is written: the correlator
  -- locks its batch in id order too, so the two queue for each other instead of deadlocking.
  SELECT count(*) AS alert_count FROM (
    SELECT 1 FROM alerts
    WHERE source = $1::alert_source
      AND (fingerprint, starts_at) IN (SELECT fingerprint, starts_at FROM incoming)
    ORDER BY id
    FOR NO KEY UPDATE
  ) existing
), upserted AS (
  INSERT INTO alerts (source, fingerprint, status, has_fired, name, severity, summary, labels,
    annotations, starts_at, ends_at, generator_url, group_key, service_id, last_delivery_id)
  SELECT $1::alert_source, a.fingerprint, a.status::alert_status, a.status = 'firing', a.name,
    a.severity::severity, a.summary, a.labels, a.annotations, a.starts_at, a.ends_at,
    a.generator_url, a.group_key, (SELECT id FROM service_ids s WHERE s.slug = a.service_slug LIMIT 1),
    (SELECT id FROM delivery)
  FROM incoming a
  -- One-time conditions, evaluated before the first row: the delivery is new, the locks are held.
  WHERE EXISTS (SELECT 1 FROM delivery) AND (SELECT alert_count FROM locked) >= 0
  ON CONFLICT (source, fingerprint, starts_at) DO UPDATE SET
    status = EXCLUDED.status,
    has_fired = alerts.has_fired OR EXCLUDED.has_fired,
    -- A resolution says the alert ended, not how bad it was; some senders send little else.
    severity = CASE WHEN EXCLUDED.status = 'resolved' THEN alerts.severity ELSE EXCLUDED.severity END,
    summary = coalesce(EXCLUDED.summary, alerts.summary),
    labels = CASE WHEN EXCLUDED.labels = '{}'::jsonb THEN alerts.labels ELSE EXCLUDED.labels END,
    annotations = CASE WHEN EXCLUDED.annotations = '{}'::jsonb THEN alerts.annotations ELSE EXCLUDED.annotations END,
    ends_at = EXCLUDED.ends_at,
    last_delivery_id = EXCLUDED.last_delivery_id,
    updated_at = now(),
    -- A status change must be looked at again by the correlator; a repeat must not.
    correlated_at = CASE WHEN alerts.status = EXCLUDED.status THEN alerts.correlated_at ELSE NULL END
  RETURNING (xmax = 0) AS inserted
)
SELECT (SELECT id FROM delivery) AS delivery_id,
       (SELECT count(*) FROM upserted WHERE inserted) AS created`;

const STORE_CHANGE_EVENTS_SQL = `
WITH incoming AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS c(
    service_slug text, service_name text, kind text, summary text, version text,
    at timestamptz, links jsonb, details jsonb)
), ${SERVICE_IDS_CTES}
INSERT INTO change_events (source, service_id, kind, summary, version, at, links, details, raw_delivery_id)
SELECT $1::alert_source, (SELECT id FROM service_ids s WHERE s.slug = c.service_slug LIMIT 1),
  c.kind::change_kind, c.summary, c.version, c.at, c.links, c.details, $2
FROM incoming c`;

/**
 * Stores a delivery durably with its alerts and change events; only after this may the sender
 * get a 2xx. Redeliveries (same sender delivery key) store nothing.
 */
export async function storeParsedDelivery(
  delivery: DeliveryToStore,
  parsed: ParsedDelivery,
): Promise<StoredDelivery> {
  const db = await getDb();
  const alerts = dedupeOccurrences(parsed.alerts);
  const store = async (
    run: RunSql,
    startsAtByFingerprint: Map<string, Date>,
    toStore: NormalizedAlert[],
  ) => {
    const rows = await run<{ delivery_id: number | null; created: bigint | number | string }>(
      STORE_DELIVERY_SQL,
      [
        delivery.source,
        delivery.integrationId,
        parsed.deliveryKey,
        JSON.stringify(delivery.headers),
        delivery.rawBody,
        createHash("sha256").update(delivery.rawBody).digest("hex"),
        parsed.alerts.length,
        delivery.receivedAt.toISOString(),
        JSON.stringify(toStore.map((alert) => toAlertRecord(alert, startsAtByFingerprint))),
      ],
      "store_delivery",
    );
    const deliveryId = rows[0]?.delivery_id ?? null;
    let changeEventsStored = 0;
    if (deliveryId !== null && parsed.changeEvents.length > 0) {
      const inserted = await run(
        `${STORE_CHANGE_EVENTS_SQL} RETURNING id`,
        [delivery.source, deliveryId, JSON.stringify(parsed.changeEvents.map(toChangeRecord))],
        "store_change_events",
      );
      changeEventsStored = inserted.length;
    }
    return {
      deliveryId,
      isDuplicate: deliveryId === null,
      alertsReceived: parsed.alerts.length,
      alertsCreated: Number(rows[0]?.created ?? 0),
      changeEventsStored,
    };
  };

  // The common case, every alert with a known start and no change events, is one statement.
  if (alerts.every((alert) => alert.isStartKnown) && parsed.changeEvents.length === 0) {
    return store((sql, params, name) => db.query(sql, params, { name }), new Map(), alerts);
  }
  return db.prisma.$transaction(
    async (tx) => {
      const open = await findOpenOccurrences(tx, delivery.source, alerts);
      const run: RunSql = (sql, params) => tx.$queryRawUnsafe(sql, ...params);
      return store(
        run,
        open,
        alerts.filter((alert) => !isStrayResolution(alert, open)),
      );
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

type RunSql = <Row = Record<string, unknown>>(
  sql: string,
  params: unknown[],
  name?: string,
) => Promise<Row[]>;

/**
 * For senders without a stable start time, an open alert with the same fingerprint is the same
 * occurrence. Locks each fingerprint for the transaction so concurrent first deliveries agree.
 */
async function findOpenOccurrences(
  tx: Prisma.TransactionClient,
  source: string,
  alerts: NormalizedAlert[],
): Promise<Map<string, Date>> {
  const fingerprints = [
    ...new Set(alerts.filter((alert) => !alert.isStartKnown).map((alert) => alert.fingerprint)),
  ].sort();
  for (const fingerprint of fingerprints) {
    await tx.$queryRawUnsafe(
      "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended($1, 0))",
      `${source}:${fingerprint}`,
    );
  }
  if (fingerprints.length === 0) return new Map();
  const open = await tx.$queryRawUnsafe<{ fingerprint: string; starts_at: Date }[]>(
    `SELECT DISTINCT ON (fingerprint) fingerprint, starts_at FROM alerts
     WHERE source = $1::alert_source AND status = 'firing'
       AND fingerprint IN (SELECT jsonb_array_elements_text($2::jsonb))
     ORDER BY fingerprint, starts_at DESC`,
    source,
    JSON.stringify(fingerprints),
  );
  return new Map(open.map((row) => [row.fingerprint, new Date(row.starts_at)]));
}

/** "Resolve dedup_key X" for an alert we never saw firing, carrying nothing else: nothing to keep. */
function isStrayResolution(alert: NormalizedAlert, open: Map<string, Date>): boolean {
  return (
    alert.status === "resolved" &&
    !alert.isStartKnown &&
    !open.has(alert.fingerprint) &&
    Object.keys(alert.labels).length === 0
  );
}

/** A payload may name the same occurrence twice; the last mention wins, as a later update would. */
function dedupeOccurrences(alerts: NormalizedAlert[]): NormalizedAlert[] {
  const byKey = new Map<string, NormalizedAlert>();
  for (const alert of alerts) {
    const occurrence = alert.isStartKnown ? String(alert.startsAt.getTime()) : "open";
    byKey.set(`${alert.fingerprint}\u0000${occurrence}`, alert);
  }
  return [...byKey.values()];
}

function toAlertRecord(alert: NormalizedAlert, openStartsAt: Map<string, Date>) {
  const startsAt = alert.isStartKnown
    ? alert.startsAt
    : (openStartsAt.get(alert.fingerprint) ?? alert.startsAt);
  return {
    fingerprint: alert.fingerprint,
    status: alert.status,
    name: alert.name,
    severity: alert.severity,
    summary: alert.summary,
    labels: alert.labels,
    annotations: alert.annotations,
    starts_at: startsAt.toISOString(),
    ends_at: alert.endsAt?.toISOString() ?? null,
    generator_url: alert.generatorUrl,
    group_key: alert.groupKey,
    service_slug: alert.service.slug,
    service_name: alert.service.name,
  };
}

function toChangeRecord(change: NormalizedChangeEvent) {
  return {
    service_slug: change.service?.slug ?? null,
    service_name: change.service?.name ?? null,
    kind: change.kind,
    summary: change.summary,
    version: change.version,
    at: change.at.toISOString(),
    links: change.links,
    details: change.details,
  };
}
