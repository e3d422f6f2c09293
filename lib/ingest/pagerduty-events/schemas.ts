import { z } from "zod";
import { ZTimestampDate } from "../timestamps";

// The integration key: required as PagerDuty requires it, but never stored.
const ZRoutingKey = z.string().min(1);
// PagerDuty's limit on dedup_key.
const ZDedupKey = z.string().trim().min(1).max(255);

const ZLink = z.object({ href: z.string().min(1), text: z.string().nullish() });
const ZImage = z.object({
  src: z.string().min(1),
  href: z.string().nullish(),
  alt: z.string().nullish(),
});

export const ZTriggerPayload = z.object({
  summary: z.string().trim().min(1),
  source: z.string().trim().min(1),
  severity: z.enum(["critical", "error", "warning", "info"]),
  timestamp: ZTimestampDate.nullish(),
  component: z.string().nullish(),
  group: z.string().nullish(),
  class: z.string().nullish(),
  custom_details: z.unknown().optional(),
});

const ZTriggerEvent = z.object({
  event_action: z.literal("trigger"),
  routing_key: ZRoutingKey,
  // Without one, PagerDuty makes one up and returns it; so do we.
  dedup_key: z
    .string()
    .trim()
    .max(255)
    .nullish()
    .transform((value) => value || null),
  payload: ZTriggerPayload,
  images: z.array(ZImage).nullish(),
  links: z.array(ZLink).nullish(),
  client: z.string().nullish(),
  client_url: z.string().nullish(),
});

const ZAcknowledgeEvent = z.object({
  event_action: z.literal("acknowledge"),
  routing_key: ZRoutingKey,
  dedup_key: ZDedupKey,
});

const ZResolveEvent = z.object({
  event_action: z.literal("resolve"),
  routing_key: ZRoutingKey,
  dedup_key: ZDedupKey,
});

/** Events API v2 alert event (POST /v2/enqueue): trigger, acknowledge or resolve. */
export const ZPagerDutyAlertEvent = z.discriminatedUnion("event_action", [
  ZTriggerEvent,
  ZAcknowledgeEvent,
  ZResolveEvent,
]);

/** Events API v2 change event (POST /v2/change/enqueue): a deploy, config change and the like. */
export const ZPagerDutyChangeEvent = z.object({
  routing_key: ZRoutingKey,
  payload: z.object({
    summary: z.string().trim().min(1),
    timestamp: ZTimestampDate.nullish(),
    source: z.string().nullish(),
    custom_details: z.unknown().optional(),
  }),
  links: z.array(ZLink).nullish(),
});

export type TPagerDutyAlertEvent = z.infer<typeof ZPagerDutyAlertEvent>;
export type TPagerDutyTriggerEvent = z.infer<typeof ZTriggerEvent>;
export type TTriggerPayload = z.infer<typeof ZTriggerPayload>;
export type TPagerDutyChangeEvent = z.infer<typeof ZPagerDutyChangeEvent>;
