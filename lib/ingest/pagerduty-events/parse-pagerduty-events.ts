import { parseOrThrow } from "../../http";
import { compactRecord } from "../../json";
import { toServiceSlug, toSeverity, UNLABELLED_SERVICE } from "../map-labels";
import {
  emptyParsedDelivery,
  type NormalizedAlert,
  type ParseContext,
  type ParsedDelivery,
  type ServiceRef,
} from "../schemas";
import { deriveDedupKey } from "./derive-dedup-key";
import { isPagerDutyChangeEvent } from "./is-change-event";
import { normalizeChangeEvent } from "./normalize-change-event";
import {
  type TPagerDutyTriggerEvent,
  ZPagerDutyAlertEvent,
  ZPagerDutyChangeEvent,
} from "./schemas";

const ACTOR = "PagerDuty Events API";

/**
 * Validates a PagerDuty Events API v2 body: a trigger becomes a firing alert, a resolve a resolved
 * one, an acknowledge a request on the incident holding the alert, a change event a change.
 */
export function parsePagerDutyEvents(json: unknown, context: ParseContext): ParsedDelivery {
  if (isPagerDutyChangeEvent(json)) {
    const event = parseOrThrow(ZPagerDutyChangeEvent, json);
    return emptyParsedDelivery({ changeEvents: [normalizeChangeEvent(event, context)] });
  }
  const event = parseOrThrow(ZPagerDutyAlertEvent, json);
  switch (event.event_action) {
    case "trigger":
      return emptyParsedDelivery({ alerts: [toTriggeredAlert(event, context)] });
    case "acknowledge":
      return emptyParsedDelivery({
        incidentUpdates: [
          {
            target: { alertSource: "pagerduty", alertFingerprint: event.dedup_key },
            action: "acknowledge",
            actor: ACTOR,
            at: context.receivedAt,
            text: "Acknowledged through the PagerDuty Events API",
          },
        ],
      });
    case "resolve":
      return emptyParsedDelivery({ alerts: [toResolvedAlert(event.dedup_key, context)] });
  }
}

function toTriggeredAlert(event: TPagerDutyTriggerEvent, context: ParseContext): NormalizedAlert {
  const { payload } = event;
  const dedupKey = event.dedup_key ?? deriveDedupKey(event.routing_key, payload);
  return {
    source: "pagerduty",
    fingerprint: dedupKey,
    status: "firing",
    name: payload.summary,
    severity: toSeverity(payload.severity),
    summary: payload.summary,
    labels: compactRecord({
      source: payload.source,
      component: payload.component,
      group: payload.group,
      class: payload.class,
    }),
    annotations: compactRecord({
      custom_details: toJson(payload.custom_details),
      client: event.client,
      client_url: event.client_url,
      links: event.links?.length ? JSON.stringify(event.links) : null,
      images: event.images?.length ? JSON.stringify(event.images) : null,
    }),
    // The timestamp is when the sender saw it happen, not a start that identifies an occurrence.
    startsAt: payload.timestamp ?? context.receivedAt,
    isStartKnown: false,
    endsAt: null,
    generatorUrl: event.client_url || event.links?.[0]?.href || null,
    groupKey: `pagerduty-events:${dedupKey}`,
    service: getService(payload),
  };
}

// A resolve names only the dedup_key: the rest belongs to the alert it resolves.
function toResolvedAlert(dedupKey: string, context: ParseContext): NormalizedAlert {
  return {
    source: "pagerduty",
    fingerprint: dedupKey,
    status: "resolved",
    name: `PagerDuty alert ${dedupKey}`,
    // The lowest severity: a resolve must never raise an incident's.
    severity: "info",
    summary: null,
    labels: {},
    annotations: {},
    startsAt: context.receivedAt,
    isStartKnown: false,
    endsAt: context.receivedAt,
    generatorUrl: null,
    groupKey: `pagerduty-events:${dedupKey}`,
    service: UNLABELLED_SERVICE,
  };
}

// custom_details.service names the service best; else the component, else the source.
function getService(payload: TPagerDutyTriggerEvent["payload"]): ServiceRef {
  const details = payload.custom_details;
  const fromDetails =
    typeof details === "object" && details !== null && "service" in details
      ? details.service
      : undefined;
  const candidates = [fromDetails, payload.component, payload.source];
  for (const candidate of candidates) {
    if (typeof candidate === "string" && candidate.trim()) {
      return { slug: toServiceSlug(candidate), name: candidate.trim() };
    }
  }
  return UNLABELLED_SERVICE;
}

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}
