import { parseOrThrow } from "../../http";
import { findAlertService } from "../find-alert-service";
import { fingerprintLabels, toSeverity } from "../map-labels";
import {
  emptyParsedDelivery,
  type NormalizedAlert,
  type ParseContext,
  type ParsedDelivery,
} from "../schemas";
import { ignoreGoZeroTime } from "../timestamps";
import { type TAlertmanagerWebhook, ZAlertmanagerWebhook } from "./schemas";

export function normalizeAlertmanager(
  payload: TAlertmanagerWebhook,
  serviceLabels: readonly string[],
): NormalizedAlert[] {
  const groupKey =
    payload.groupKey ?? `${payload.receiver}:${JSON.stringify(sortLabels(payload.groupLabels))}`;
  return payload.alerts.map((alert) => {
    const labels = alert.labels;
    const annotations = alert.annotations;
    const fingerprint = alert.fingerprint ?? fingerprintLabels(labels);
    return {
      source: "alertmanager",
      fingerprint,
      status: alert.status ?? payload.status,
      name: labels.alertname,
      severity: toSeverity(labels.severity ?? payload.commonLabels.severity),
      summary: annotations.summary ?? annotations.message ?? annotations.description ?? null,
      labels,
      annotations,
      startsAt: alert.startsAt,
      isStartKnown: true,
      endsAt: ignoreGoZeroTime(alert.endsAt),
      generatorUrl: alert.generatorURL || null,
      groupKey,
      service: findAlertService(
        { source: "alertmanager", labels, groupKey, fingerprint },
        serviceLabels,
      ),
    };
  });
}

function sortLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

/** The webhook's parser: validates (422 naming the field) and normalises one delivery. */
export function parseAlertmanager(json: unknown, context: ParseContext): ParsedDelivery {
  return emptyParsedDelivery({
    alerts: normalizeAlertmanager(parseOrThrow(ZAlertmanagerWebhook, json), context.serviceLabels),
  });
}
