import { createHash } from "node:crypto";
import { getPrisma } from "../db";
import type { AcceptedDelivery, NormalizedAlert } from "./schemas";

export type StoredDelivery = {
  deliveryId: number;
  alertsReceived: number;
  /** Alerts seen for the first time; the rest were updates or repeats of known ones. */
  alertsCreated: number;
};

// One statement, so the delivery, new services and alerts commit together or not at all.
// Services named by labels but unknown to the catalog are created and marked unmapped.
const STORE_DELIVERY_SQL = `
WITH delivery AS (
  INSERT INTO raw_deliveries (source, headers, body, body_sha256, alert_count, received_at)
  VALUES ($1::alert_source, $2::jsonb, $3, $4, $5, $6::timestamptz)
  RETURNING id
), incoming AS (
  SELECT * FROM jsonb_to_recordset($7::jsonb) AS a(
    fingerprint text, status text, name text, severity text, summary text, labels jsonb,
    annotations jsonb, starts_at timestamptz, ends_at timestamptz, generator_url text,
    group_key text, service_slug text, service_name text)
), known_services AS (
  SELECT id, slug FROM services WHERE slug IN (SELECT service_slug FROM incoming)
), new_services AS (
  INSERT INTO services (slug, name, is_unmapped)
  SELECT DISTINCT ON (service_slug) service_slug, service_name, true FROM incoming
  WHERE service_slug NOT IN (SELECT slug FROM known_services)
  -- A concurrent delivery may create the same service first; DO UPDATE still returns its id.
  ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
  RETURNING id, slug
), service_ids AS (
  SELECT id, slug FROM known_services UNION ALL SELECT id, slug FROM new_services
), upserted AS (
  INSERT INTO alerts (source, fingerprint, status, has_fired, name, severity, summary, labels,
    annotations, starts_at, ends_at, generator_url, group_key, service_id, last_delivery_id)
  SELECT $1::alert_source, a.fingerprint, a.status::alert_status, a.status = 'firing', a.name, a.severity::severity,
    a.summary, a.labels, a.annotations, a.starts_at, a.ends_at, a.generator_url, a.group_key,
    (SELECT id FROM service_ids s WHERE s.slug = a.service_slug LIMIT 1), (SELECT id FROM delivery)
  FROM incoming a
  ON CONFLICT (source, fingerprint, starts_at) DO UPDATE SET
    status = EXCLUDED.status,
    has_fired = alerts.has_fired OR EXCLUDED.has_fired,
    severity = EXCLUDED.severity,
    summary = EXCLUDED.summary,
    labels = EXCLUDED.labels,
    annotations = EXCLUDED.annotations,
    ends_at = EXCLUDED.ends_at,
    last_delivery_id = EXCLUDED.last_delivery_id,
    updated_at = now(),
    -- A status change must be looked at again by the correlator; a repeat must not.
    correlated_at = CASE WHEN alerts.status = EXCLUDED.status THEN alerts.correlated_at ELSE NULL END
  RETURNING (xmax = 0) AS inserted
)
SELECT (SELECT id FROM delivery) AS delivery_id,
       (SELECT count(*) FROM upserted WHERE inserted) AS created,
       (SELECT count(*) FROM upserted) AS total`;

/** Stores the raw delivery and its alerts durably; only after this may the sender get a 2xx. */
export async function storeDelivery(
  delivery: AcceptedDelivery,
  alerts: NormalizedAlert[],
): Promise<StoredDelivery> {
  const prisma = await getPrisma();
  const unique = dedupeOccurrences(alerts);
  const rows = await prisma.$queryRawUnsafe<
    { delivery_id: number; created: bigint | number; total: bigint | number }[]
  >(
    STORE_DELIVERY_SQL,
    delivery.source,
    JSON.stringify(delivery.headers),
    delivery.rawBody,
    createHash("sha256").update(delivery.rawBody).digest("hex"),
    alerts.length,
    delivery.receivedAt.toISOString(),
    JSON.stringify(unique.map(toRecord)),
  );
  const row = rows[0];
  if (!row) throw new Error("storing a delivery returned no row");
  return {
    deliveryId: row.delivery_id,
    alertsReceived: alerts.length,
    alertsCreated: Number(row.created),
  };
}

/** A payload may name the same occurrence twice; the last mention wins, as a later update would. */
function dedupeOccurrences(alerts: NormalizedAlert[]): NormalizedAlert[] {
  const byKey = new Map<string, NormalizedAlert>();
  for (const alert of alerts)
    byKey.set(`${alert.fingerprint}\u0000${alert.startsAt.getTime()}`, alert);
  return [...byKey.values()];
}

function toRecord(alert: NormalizedAlert) {
  return {
    fingerprint: alert.fingerprint,
    status: alert.status,
    name: alert.name,
    severity: alert.severity,
    summary: alert.summary,
    labels: alert.labels,
    annotations: alert.annotations,
    starts_at: alert.startsAt.toISOString(),
    ends_at: alert.endsAt?.toISOString() ?? null,
    generator_url: alert.generatorUrl,
    group_key: alert.groupKey,
    service_slug: alert.service.slug,
    service_name: alert.service.name,
  };
}
