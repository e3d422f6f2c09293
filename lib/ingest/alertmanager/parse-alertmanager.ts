import { parseOrThrow } from "../../http";
import { findServiceInLabels, fingerprintLabels, toSeverity } from "../map-labels";
import {
  emptyParsedDelivery,
  type NormalizedAlert,
  type ParseContext,
  type ParsedDelivery,
} from "../schemas";
import { type TAlertmanagerWebhook, ZAlertmanagerWebhook } from "./schemas";

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
      startsAt: alert.startsAt,
      isStartKnown: true,
      endsAt: parseEndsAt(alert.endsAt),
      generatorUrl: alert.generatorURL || null,
      groupKey,
      service: findServiceInLabels(labels),
    };
  });
}

function parseEndsAt(endsAt: Date | undefined): Date | null {
  return endsAt && endsAt.getTime() > GO_ZERO_TIME_MS ? endsAt : null;
}

function sortLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

/** The webhook's parser: validates (422 naming the field) and normalises one delivery. */
export function parseAlertmanager(json: unknown, _context: ParseContext): ParsedDelivery {
  return emptyParsedDelivery({
    alerts: normalizeAlertmanager(parseOrThrow(ZAlertmanagerWebhook, json)),
  });
}
