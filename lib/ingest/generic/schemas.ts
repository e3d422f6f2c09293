import { z } from "zod";
import { ZTimestampDate } from "../timestamps";

// People writing scripts send numbers and booleans as label values; store them as strings.
const ZStringMap = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
  .default({});

export const MAX_GENERIC_ALERTS = 1000;

export const ZGenericAlert = z
  .object({
    name: z.string().trim().min(1),
    status: z.enum(["firing", "resolved"]).default("firing"),
    service: z.string().trim().min(1),
    severity: z.string().optional(),
    summary: z.string().optional(),
    description: z.string().optional(),
    fingerprint: z.string().trim().min(1).optional(),
    labels: ZStringMap,
    annotations: ZStringMap,
    startsAt: ZTimestampDate.optional(),
    endsAt: ZTimestampDate.optional(),
    // Shown as a link, so only web addresses.
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    group: z.string().trim().min(1).optional(),
  })
  .refine((alert) => !alert.startsAt || !alert.endsAt || alert.endsAt >= alert.startsAt, {
    path: ["endsAt"],
    message: "must not be before startsAt",
  });

/** Faultline's own webhook schema for senders without one; documented in docs/webhooks/generic.md. */
export const ZGenericWebhook = z.object({
  alerts: z.array(ZGenericAlert).min(1).max(MAX_GENERIC_ALERTS),
});

export type TGenericWebhook = z.infer<typeof ZGenericWebhook>;
export type TGenericAlert = z.infer<typeof ZGenericAlert>;
