import type { Severity } from "../../generated/prisma/enums";
import { parseOrThrow } from "../../http";
import { compactRecord, lookUp } from "../../json";
import { findAlertService } from "../find-alert-service";
import { compareSeverity, fingerprintLabels, toSeverity } from "../map-labels";
import {
  emptyParsedDelivery,
  type NormalizedAlert,
  type ParseContext,
  type ParsedDelivery,
} from "../schemas";
import { readDatadogBody } from "./read-datadog-body";
import { readDatadogTags, toDatadogGroup } from "./read-datadog-tags";
import {
  classifyDatadogTransition,
  readDatadogTitle,
  type TDatadogTitle,
  type TDatadogTransition,
} from "./read-datadog-title";
import { type TDatadogWebhook, ZDatadogWebhook } from "./schemas";

const SEVERITY_BY_ALERT_TYPE: Record<string, Severity> = {
  error: "error",
  warning: "warning",
  info: "info",
  success: "info",
};

/** Validates a Datadog webhook (default or common custom template) and normalises its alert. */
export function parseDatadog(json: unknown, context: ParseContext): ParsedDelivery {
  const payload = parseOrThrow(ZDatadogWebhook, json);
  const title = readDatadogTitle(payload.title);
  const body = readDatadogBody(payload.body);
  const transition = getTransition(payload, title);
  const group = toDatadogGroup(
    payload.scopes.length ? payload.scopes : splitGroup(title.group ?? body.group),
  );
  const monitorId = payload.monitor_id ?? body.monitorId;
  const labels = compactRecord({
    ...readDatadogTags(payload.tags),
    ...readDatadogTags(splitGroup(group)),
    alertname: title.name,
    datadog_monitor_id: monitorId,
    datadog_event_type: payload.event_type,
    datadog_test: title.isTest ? "true" : null,
  });
  // Datadog gives no start time, only when it sent this notification.
  const at = payload.date ?? payload.last_updated ?? context.receivedAt;
  const fingerprint = monitorId
    ? // Test notifications must not touch the monitor's real alert.
      `datadog:${monitorId}:${group ?? "*"}${title.isTest ? ":test" : ""}`
    : fingerprintLabels(labels);
  const groupKey = getGroupKey(payload, monitorId);
  const alert: NormalizedAlert = {
    source: "datadog",
    fingerprint,
    status: transition.status,
    name: title.name,
    severity: getSeverity(payload, title, transition),
    summary: body.summary,
    labels,
    annotations: compactRecord({
      description: body.description,
      query: payload.alert_query,
      monitor_url: body.monitorUrl,
      event_url: payload.url,
      datadog_transition: payload.alert_transition,
      datadog_alert_type: payload.alert_type,
      datadog_org: payload.org?.name,
    }),
    startsAt: at,
    isStartKnown: false,
    endsAt: transition.status === "resolved" ? at : null,
    generatorUrl: body.monitorUrl ?? payload.url,
    groupKey,
    service: findAlertService(
      { source: "datadog", labels, groupKey, fingerprint },
      context.serviceLabels,
    ),
  };
  return emptyParsedDelivery({ deliveryKey: payload.id, alerts: [alert] });
}

// Datadog's aggregation key when the template sends $AGGREG_KEY, else the monitor.
function getGroupKey(payload: TDatadogWebhook, monitorId: string | null): string | null {
  if (payload.aggreg_key) return `datadog:aggreg:${payload.aggreg_key}`;
  return monitorId ? `datadog:${monitorId}` : null;
}

// $ALERT_TRANSITION when the template has it, else the title's prefix; a recovery's alert type
// is "success".
function getTransition(payload: TDatadogWebhook, title: TDatadogTitle): TDatadogTransition {
  const fromField = payload.alert_transition && classifyDatadogTransition(payload.alert_transition);
  if (fromField) return fromField;
  if (title.transition) return title.transition;
  return { status: payload.alert_type === "success" ? "resolved" : "firing", isWarn: false };
}

function getSeverity(
  payload: TDatadogWebhook,
  title: TDatadogTitle,
  transition: TDatadogTransition,
): Severity {
  const word = payload.severity ?? payload.priority ?? title.priority;
  const severity = word
    ? toSeverity(word)
    : (lookUp(SEVERITY_BY_ALERT_TYPE, payload.alert_type?.toLowerCase() ?? "") ?? "warning");
  // A Warn transition crossed the warning threshold only, whatever the monitor's priority.
  return transition.isWarn && compareSeverity(severity, "warning") > 0 ? "warning" : severity;
}

function splitGroup(group: string | null): string[] {
  return group ? group.split(",") : [];
}
