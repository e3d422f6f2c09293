import { findServiceInLabels, fingerprintLabels, toSeverity } from "../map-labels";
import type { NormalizedAlert } from "../schemas";
import { parseTimestamp } from "../timestamps";
import type { TAlertmanagerWebhook } from "./schemas";

// Alertmanager writes Go's zero time for "no end yet".
const GO_ZERO_TIME_MS = Date.parse("0001-01-01T00:00:00Z");

export function normalizeAlertmanager(payload: TAlertmanagerWebhook): NormalizedAlert[] {
  const groupKey =
    payload.groupKey ?? `${payload.receiver}:${JSON.stringify(sortLabels(payload.groupLabels))}`;
  return payload.alerts.map((alert) => {
    const labels = alert.labels;
    const annotations = alert.annotations;
    return {
      source: "alertmanager",
      fingerprint: alert.fingerprint ?? fingerprintLabels(labels),
      status: alert.status ?? payload.status,
      name: labels.alertname,
      severity: toSeverity(labels.severity ?? payload.commonLabels.severity),
      summary: annotations.summary ?? annotations.message ?? annotations.description ?? null,
      labels,
      annotations,
      startsAt: parseTimestampOrThrow(alert.startsAt),
      isStartKnown: true,
      endsAt: parseEndsAt(alert.endsAt),
      generatorUrl: alert.generatorURL || null,
      groupKey,
      service: findServiceInLabels(labels),
    };
  });
}

function parseEndsAt(value: string | undefined): Date | null {
  if (!value) return null;
  const endsAt = parseTimestamp(value);
  return endsAt && endsAt.getTime() > GO_ZERO_TIME_MS ? endsAt : null;
}

// The schema has already checked the format; this only satisfies the type.
function parseTimestampOrThrow(value: string): Date {
  const date = parseTimestamp(value);
  if (!date) throw new Error(`unparseable timestamp ${value}`);
  return date;
}

function sortLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}
