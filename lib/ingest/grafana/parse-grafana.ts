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
import { type TGrafanaAlert, type TGrafanaWebhook, ZGrafanaWebhook } from "./schemas";

const DEFAULT_NAME = "Grafana alert";
// The default title starts with the group's status and counts, which change between notifications.
const TITLE_STATUS_PREFIX = /^\s*\[(?:FIRING|RESOLVED)[^\]]*\]\s*/i;

/** Validates a Grafana unified alerting webhook and normalises each of its alerts. */
export function parseGrafana(json: unknown, context: ParseContext): ParsedDelivery {
  const payload = parseOrThrow(ZGrafanaWebhook, json);
  const groupKey = payload.groupKey || deriveGroupKey(payload);
  const fallbackName = payload.title?.replace(TITLE_STATUS_PREFIX, "").trim() || DEFAULT_NAME;
  return emptyParsedDelivery({
    alerts: payload.alerts.map((alert) =>
      toAlert(alert, payload, { groupKey, fallbackName, context }),
    ),
  });
}

type AlertDefaults = { groupKey: string; fallbackName: string; context: ParseContext };

function toAlert(
  alert: TGrafanaAlert,
  payload: TGrafanaWebhook,
  { groupKey, fallbackName, context }: AlertDefaults,
): NormalizedAlert {
  const labels = alert.labels;
  const annotations = { ...getGrafanaAnnotations(alert), ...alert.annotations };
  const status = alert.status ?? payload.status;
  const startsAt = ignoreGoZeroTime(alert.startsAt);
  const fingerprint = alert.fingerprint || fingerprintLabels(labels);
  return {
    source: "grafana",
    fingerprint,
    status,
    name: labels.alertname || fallbackName,
    severity: toSeverity(labels.severity ?? payload.commonLabels.severity),
    summary: annotations.summary ?? annotations.message ?? annotations.description ?? null,
    labels,
    annotations,
    startsAt: startsAt ?? context.receivedAt,
    isStartKnown: startsAt !== null,
    // A firing alert's endsAt is at most Grafana's guess of when it would lapse, not an end.
    endsAt: status === "resolved" ? (ignoreGoZeroTime(alert.endsAt) ?? context.receivedAt) : null,
    generatorUrl: alert.generatorURL || null,
    groupKey,
    service: findAlertService(
      { source: "grafana", labels, groupKey, fingerprint },
      context.serviceLabels,
    ),
  };
}

// Grafana's links and evaluated values, under the names the other senders' annotations use.
function getGrafanaAnnotations(alert: TGrafanaAlert): Record<string, string> {
  const candidates: Record<string, string | undefined> = {
    silence_url: alert.silenceURL,
    dashboard_url: alert.dashboardURL,
    panel_url: alert.panelURL,
    image_url: alert.imageURL,
    value_string: alert.valueString,
    values: alert.values && Object.keys(alert.values).length ? JSON.stringify(alert.values) : "",
  };
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(candidates)) if (value) annotations[key] = value;
  return annotations;
}

// Old senders omit groupKey; derive one the way the Alertmanager parser does.
function deriveGroupKey(payload: TGrafanaWebhook): string {
  const sorted = Object.fromEntries(
    Object.entries(payload.groupLabels).sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${payload.receiver}:${JSON.stringify(sorted)}`;
}
