import { z } from "zod";
import { ZTimestampDate } from "../timestamps";

const ZLabelSet = z.record(z.string(), z.string());

export const ZAlertmanagerAlert = z.object({
  // Older senders omit the per-alert status; the group's status applies then.
  status: z.enum(["firing", "resolved"]).optional(),
  labels: ZLabelSet.and(z.object({ alertname: z.string().min(1) })),
  annotations: ZLabelSet.default({}),
  startsAt: ZTimestampDate,
  endsAt: ZTimestampDate.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1).optional(),
});

/** Alertmanager webhook payload, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export const ZAlertmanagerWebhook = z.object({
  version: z.literal("4"),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().default(""),
  groupLabels: ZLabelSet.default({}),
  commonLabels: ZLabelSet.default({}),
  commonAnnotations: ZLabelSet.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(ZAlertmanagerAlert).min(1),
});

export type TAlertmanagerWebhook = z.infer<typeof ZAlertmanagerWebhook>;
export type TAlertmanagerAlert = z.infer<typeof ZAlertmanagerAlert>;
