import { parseOrThrow } from "../../http";
import { compactRecord } from "../../json";
import { toUnlabelledService } from "../find-alert-service";
import { toServiceSlug, toSeverity } from "../map-labels";
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
  const groupKey = `pagerduty-events:${dedupKey}`;
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
    groupKey,
    service:
      getService(payload) ??
      toUnlabelledService({ source: "pagerduty", groupKey, fingerprint: dedupKey }),
  };
}

// A resolve names only the dedup_key: the rest, its service included, belongs to the alert it
// resolves (the store keeps that one's service).
function toResolvedAlert(dedupKey: string, context: ParseContext): NormalizedAlert {
  const groupKey = `pagerduty-events:${dedupKey}`;
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
    groupKey,
    service: toUnlabelledService({ source: "pagerduty", groupKey, fingerprint: dedupKey }),
  };
}

// custom_details.service names the service best; else the component, else the source.
function getService(payload: TPagerDutyTriggerEvent["payload"]): ServiceRef | null {
  const details = payload.custom_details;
  const fromDetails =
    typeof details === "object" && details !== null && "service" in details
      ? details.service
      : undefined;
  const candidates = [
    ["custom_details.service", fromDetails],
    ["component", payload.component],
    ["source", payload.source],
  ] as const;
  for (const [field, candidate] of candidates) {
    if (typeof candidate === "string" && candidate.trim()) {
      const name = candidate.trim();
      return { slug: toServiceSlug(candidate), name, origin: { field, value: name } };
    }
  }
  return null;
}

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}
