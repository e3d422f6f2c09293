import { createHash } from "node:crypto";
import { getDb } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { DeliveryBatcher } from "./delivery-batcher";
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

// Finds or creates (marked unmapped, with what named them) the services an "incoming" CTE names
// by service_slug. A concurrent delivery may create the same service first; DO UPDATE still
// returns its id.
// Lookups here and in STORE_DELIVERIES_SQL probe a unique index once per value, in a LATERAL
// subquery whose LIMIT 1 keeps the planner from turning it into a join: the statement is
// prepared, and a generic plan made while a table was nearly empty would otherwise keep
// hash-joining a sequential scan of the whole table into every delivery as the table grows.
const SERVICE_IDS_CTES = `
known_services AS (
  SELECT found.id, found.slug FROM (SELECT DISTINCT service_slug FROM incoming) wanted
  CROSS JOIN LATERAL (
    SELECT id, slug FROM services WHERE slug = wanted.service_slug LIMIT 1
  ) found
), new_services AS (
  INSERT INTO services (slug, name, is_unmapped, metadata)
  SELECT DISTINCT ON (service_slug) service_slug, service_name, true,
    jsonb_strip_nulls(jsonb_build_object('mappedFrom', service_origin))
  FROM incoming
  WHERE service_slug IS NOT NULL AND service_slug NOT IN (SELECT slug FROM known_services)
  ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
  RETURNING id, slug
), service_ids AS (
  SELECT id, slug FROM known_services UNION ALL SELECT id, slug FROM new_services
)`;

// One statement stores a batch of deliveries: each delivery with its new services and alerts
// commits together with the others or not at all. A delivery key seen before inserts no delivery
// and therefore no alerts. Ids come from the sequence up front so each row maps back to its
// delivery (`ord`) whatever order RETURNING gives.
export const STORE_DELIVERIES_SQL = `
WITH incoming_deliveries AS MATERIALIZED (
  SELECT nextval('raw_deliveries_id_seq'::regclass)::int AS id, d.*
  FROM jsonb_to_recordset($1::jsonb) AS d(ord int, source alert_source, integration_id int,
    delivery_key text, headers jsonb, body text, body_sha256 text, alert_count int,
    received_at timestamptz)
), delivery AS (
  INSERT INTO raw_deliveries (id, source, integration_id, delivery_key, headers, body, body_sha256, alert_count, received_at)
  SELECT id, source, integration_id, delivery_key, headers, body, body_sha256, alert_count, received_at
  FROM incoming_deliveries ORDER BY ord
  ON CONFLICT (source, delivery_key) DO NOTHING
  RETURNING id
), stored AS (
  SELECT d.ord, d.id, d.source FROM incoming_deliveries d WHERE d.id IN (SELECT id FROM delivery)
), incoming AS (
  SELECT s.id AS delivery_id, s.source, a.* FROM jsonb_to_recordset($2::jsonb) AS a(
    ord int, fingerprint text, status text, name text, severity text, summary text, labels jsonb,
    annotations jsonb, starts_at timestamptz, ends_at timestamptz, generator_url text,
    group_key text, service_slug text, service_name text, service_origin jsonb, position int)
  JOIN stored s ON s.ord = a.ord
), ${SERVICE_IDS_CTES}, locked AS (
  -- The alerts that already exist, locked in id order before any is written: the correlator
  -- locks its batch in id order too, so the two queue for each other instead of deadlocking.
  -- Found, then locked, by index probes (see SERVICE_IDS_CTES).
  SELECT count(*) AS alert_count FROM (
    SELECT found.id FROM incoming i CROSS JOIN LATERAL (
      SELECT e.id FROM alerts e
      WHERE e.source = i.source AND e.fingerprint = i.fingerprint AND e.starts_at = i.starts_at
      LIMIT 1
    ) found
    ORDER BY found.id
  ) existing CROSS JOIN LATERAL (
    SELECT 1 FROM alerts l WHERE l.id = existing.id LIMIT 1 FOR NO KEY UPDATE
  ) locked_row
), upserted AS (
  INSERT INTO alerts (source, fingerprint, status, has_fired, name, severity, summary, labels,
    annotations, starts_at, ends_at, generator_url, group_key, service_id, last_delivery_id)
  SELECT a.source, a.fingerprint, a.status::alert_status, a.status = 'firing', a.name,
    a.severity::severity, a.summary, a.labels, a.annotations, a.starts_at, a.ends_at,
    a.generator_url, a.group_key, (SELECT id FROM service_ids s WHERE s.slug = a.service_slug LIMIT 1),
    a.delivery_id
  FROM incoming a
  -- A one-time condition, evaluated before the first row: the locks are held.
  WHERE (SELECT alert_count FROM locked) >= 0
  -- Ids in the order the senders listed the alerts (an incident is named after its first).
  ORDER BY a.position
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
  RETURNING (xmax = 0) AS inserted, last_delivery_id
)
SELECT s.ord, s.id AS delivery_id,
  (SELECT count(*) FROM upserted u WHERE u.inserted AND u.last_delivery_id = s.id)::int AS created
FROM stored s`;

const STORE_CHANGE_EVENTS_SQL = `
WITH incoming AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS c(
    service_slug text, service_name text, service_origin jsonb, kind text, summary text, version text,
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
  const alerts = dedupeOccurrences(parsed.alerts);
  // The common case, every alert with a known start and no change events, joins a batch: under
  // load, concurrent deliveries share one statement and one commit.
  if (alerts.every((alert) => alert.isStartKnown) && parsed.changeEvents.length === 0) {
    return getBatcher().store({
      delivery,
      parsed,
      records: alerts.map((alert) => toAlertRecord(alert, new Map())),
    });
  }
  const db = await getDb();
  return db.prisma.$transaction(
    async (tx) => {
      const open = await findOpenOccurrences(tx, delivery.source, alerts);
      const run: RunSql = (sql, params) => tx.$queryRawUnsafe(sql, ...params);
      const toStore = alerts.filter((alert) => !isStrayResolution(alert, open));
      const [stored] = await storeDeliveries(run, [
        { delivery, parsed, records: toStore.map((alert) => toAlertRecord(alert, open)) },
      ]);
      if (!stored || stored.deliveryId === null || parsed.changeEvents.length === 0) return stored;
      const inserted = await run(`${STORE_CHANGE_EVENTS_SQL} RETURNING id`, [
        delivery.source,
        stored.deliveryId,
        JSON.stringify(parsed.changeEvents.map(toChangeRecord)),
      ]);
      return { ...stored, changeEventsStored: inserted.length };
    },
    { maxWait: 10_000, timeout: 30_000 },
  ) as Promise<StoredDelivery>;
}

type DeliveryWithRecords = {
  delivery: DeliveryToStore;
  parsed: ParsedDelivery;
  records: AlertRecord[];
};

/** Runs STORE_DELIVERIES_SQL for several deliveries at once; results in the order given. */
async function storeDeliveries(
  run: RunSql,
  items: DeliveryWithRecords[],
): Promise<StoredDelivery[]> {
  const deliveries = items.map(({ delivery, parsed }, ord) => ({
    ord,
    source: delivery.source,
    integration_id: delivery.integrationId,
    delivery_key: parsed.deliveryKey,
    headers: delivery.headers,
    body: delivery.rawBody,
    body_sha256: createHash("sha256").update(delivery.rawBody).digest("hex"),
    alert_count: parsed.alerts.length,
    received_at: delivery.receivedAt.toISOString(),
  }));
  const alerts = items
    .flatMap(({ records }, ord) => records.map((record) => ({ ord, ...record })))
    .map((alert, position) => ({ ...alert, position }));
  const rows = await run<{ ord: number; delivery_id: number; created: number }>(
    STORE_DELIVERIES_SQL,
    [JSON.stringify(deliveries), JSON.stringify(alerts)],
    "store_deliveries",
  );
  const byOrd = new Map(rows.map((row) => [Number(row.ord), row]));
  return items.map(({ parsed }, ord) => {
    const row = byOrd.get(ord);
    return {
      deliveryId: row ? Number(row.delivery_id) : null,
      isDuplicate: !row,
      alertsReceived: parsed.alerts.length,
      alertsCreated: Number(row?.created ?? 0),
      changeEventsStored: 0,
    };
  });
}

// Statements in flight at once: enough to keep PostgreSQL busy, leaving pool connections for the
// correlator and the pages. A batch holds deliveries until it reaches MAX_BATCH_ALERTS alerts.
const MAX_BATCHES_IN_FLIGHT = 3;
const MAX_BATCH_ALERTS = 2_000;

let batcher: DeliveryBatcher<DeliveryWithRecords, StoredDelivery> | undefined;
function getBatcher(): DeliveryBatcher<DeliveryWithRecords, StoredDelivery> {
  batcher ??= new DeliveryBatcher({
    maxInFlight: MAX_BATCHES_IN_FLIGHT,
    maxWeight: MAX_BATCH_ALERTS,
    weigh: (item) => Math.max(1, item.records.length),
    // Two mentions of one delivery key or one alert occurrence go in separate statements:
    // ON CONFLICT cannot touch a row twice in one statement, and order decides which wins.
    keysOf: (item) => [
      ...(item.parsed.deliveryKey ? [`d:${item.delivery.source}:${item.parsed.deliveryKey}`] : []),
      ...item.records.map((r) => `a:${item.delivery.source}:${r.fingerprint}:${r.starts_at}`),
    ],
    run: async (items) => {
      const db = await getDb();
      return storeDeliveries((sql, params, name) => db.query(sql, params, { name }), items);
    },
  });
  return batcher;
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
): Promise<Map<string, OpenOccurrence>> {
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
  const open = await tx.$queryRawUnsafe<
    { fingerprint: string; starts_at: Date; service_slug: string }[]
  >(
    `SELECT DISTINCT ON (a.fingerprint) a.fingerprint, a.starts_at, s.slug AS service_slug
     FROM alerts a JOIN services s ON s.id = a.service_id
     WHERE a.source = $1::alert_source AND a.status = 'firing'
       AND a.fingerprint = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))
     ORDER BY a.fingerprint, a.starts_at DESC`,
    source,
    JSON.stringify(fingerprints),
  );
  return new Map(
    open.map((row) => [
      row.fingerprint,
      { startsAt: new Date(row.starts_at), serviceSlug: row.service_slug },
    ]),
  );
}

type OpenOccurrence = { startsAt: Date; serviceSlug: string };

/** "Resolve dedup_key X" for an alert we never saw firing, carrying nothing else: nothing to keep. */
function isStrayResolution(alert: NormalizedAlert, open: Map<string, OpenOccurrence>): boolean {
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

type AlertRecord = ReturnType<typeof toAlertRecord>;

function toAlertRecord(alert: NormalizedAlert, openOccurrences: Map<string, OpenOccurrence>) {
  const open = alert.isStartKnown ? undefined : openOccurrences.get(alert.fingerprint);
  // An update keeps the open occurrence's service (the upsert never changes it): a resolve that
  // names only a dedup key must not create a service of its own.
  const service = open
    ? { slug: open.serviceSlug, name: open.serviceSlug, origin: null }
    : alert.service;
  return {
    fingerprint: alert.fingerprint,
    status: alert.status,
    name: alert.name,
    severity: alert.severity,
    summary: alert.summary,
    labels: alert.labels,
    annotations: alert.annotations,
    starts_at: (open?.startsAt ?? alert.startsAt).toISOString(),
    ends_at: alert.endsAt?.toISOString() ?? null,
    generator_url: alert.generatorUrl,
    group_key: alert.groupKey,
    service_slug: service.slug,
    service_name: service.name,
    service_origin: service.origin,
  };
}

function toChangeRecord(change: NormalizedChangeEvent) {
  return {
    service_slug: change.service?.slug ?? null,
    service_name: change.service?.name ?? null,
    service_origin: change.service?.origin ?? null,
    kind: change.kind,
    summary: change.summary,
    version: change.version,
    at: change.at.toISOString(),
    links: change.links,
    details: change.details,
  };
}
