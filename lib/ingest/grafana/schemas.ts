import { z } from "zod";
import { ZTimestampDate } from "../timestamps";

// Go writes a nil map as null; treat it as no labels.
const ZLabelSet = z
  .record(z.string(), z.string())
  .nullish()
  .transform((labels) => labels ?? {});

const ZStatus = z.enum(["firing", "resolved"]);

export const ZGrafanaAlert = z.object({
  // Test notifications may carry nothing but a status; the group's status applies without one.
  status: ZStatus.optional(),
  labels: ZLabelSet,
  annotations: ZLabelSet,
  startsAt: ZTimestampDate.optional(),
  endsAt: ZTimestampDate.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  imageURL: z.string().optional(),
  values: z.record(z.string(), z.unknown()).nullish(),
  valueString: z.string().optional(),
});

/** Grafana unified alerting webhook, version "1" (Alertmanager's payload plus Grafana's fields). */
export const ZGrafanaWebhook = z.object({
  receiver: z.string().default(""),
  status: ZStatus,
  alerts: z.array(ZGrafanaAlert).min(1),
  groupLabels: ZLabelSet,
  commonLabels: ZLabelSet,
  commonAnnotations: ZLabelSet,
  externalURL: z.string().optional(),
  version: z.string().optional(),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  orgId: z.number().int().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});

export type TGrafanaWebhook = z.infer<typeof ZGrafanaWebhook>;
export type TGrafanaAlert = z.infer<typeof ZGrafanaAlert>;
