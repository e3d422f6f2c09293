import { parseOrThrow } from "../../http";
import { fingerprintLabels, toServiceSlug, toSeverity } from "../map-labels";
import {
  emptyParsedDelivery,
  type NormalizedAlert,
  type ParseContext,
  type ParsedDelivery,
} from "../schemas";
import { type TGenericAlert, ZGenericWebhook } from "./schemas";

/** Validates a delivery in Faultline's generic schema and normalises its alerts. */
export function parseGeneric(json: unknown, context: ParseContext): ParsedDelivery {
  const payload = parseOrThrow(ZGenericWebhook, json);
  return emptyParsedDelivery({ alerts: payload.alerts.map((alert) => toAlert(alert, context)) });
}

function toAlert(alert: TGenericAlert, context: ParseContext): NormalizedAlert {
  // The top-level name and service win over labels of the same name.
  const labels = { ...alert.labels, alertname: alert.name, service: alert.service };
  const annotations = { ...alert.annotations };
  if (alert.summary) annotations.summary = alert.summary;
  if (alert.description) annotations.description = alert.description;
  const isResolved = alert.status === "resolved";
  const endsAt = isResolved ? (alert.endsAt ?? context.receivedAt) : null;
  return {
    source: "generic",
    fingerprint: alert.fingerprint ?? fingerprintLabels(labels),
    status: alert.status,
    name: alert.name,
    severity: toSeverity(alert.severity),
    summary: annotations.summary ?? annotations.description ?? null,
    labels,
    annotations,
    // Without a start, the alert started when we heard of it, or when it ended if that was earlier.
    startsAt: alert.startsAt ?? earlierOf(context.receivedAt, endsAt),
    isStartKnown: alert.startsAt !== undefined,
    // endsAt only closes a resolved alert; a firing one stays open whatever it says.
    endsAt,
    generatorUrl: alert.url ?? null,
    groupKey: alert.group ?? null,
    // The schema requires the service, so no label precedence applies.
    service: {
      slug: toServiceSlug(alert.service),
      name: alert.service,
      origin: { field: "service", value: alert.service },
    },
  };
}

function earlierOf(date: Date, other: Date | null): Date {
  return other && other < date ? other : date;
}
