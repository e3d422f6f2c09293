import { findServiceInLabels, fingerprintLabels, toSeverity } from "../map-labels";
import type { NormalizedAlert } from "../schemas";
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
      startsAt: new Date(alert.startsAt),
      endsAt: parseEndsAt(alert.endsAt),
      generatorUrl: alert.generatorURL || null,
      groupKey,
      service: findServiceInLabels(labels),
    };
  });
}

function parseEndsAt(value: string | undefined): Date | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return ms <= GO_ZERO_TIME_MS ? null : new Date(ms);
}

function sortLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}
