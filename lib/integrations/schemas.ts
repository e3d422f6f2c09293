import { z } from "zod";

export const INTEGRATION_KINDS = [
  "alertmanager",
  "pagerduty",
  "pagerduty_events",
  "grafana",
  "datadog",
  "generic",
  "signals",
  "changes",
] as const;

export const ZIntegrationKind = z.enum(INTEGRATION_KINDS);

export const ZCreateIntegration = z.object({
  kind: ZIntegrationKind,
  name: z.string().trim().min(1).max(100),
  // PagerDuty generates its webhook signing secret; it is pasted here. Others get a new one.
  secret: z.string().min(16, "must be at least 16 characters").max(512).optional(),
});
export type TCreateIntegration = z.infer<typeof ZCreateIntegration>;

export const ZRotateSecret = z.object({
  secret: z.string().min(16).max(512).optional(),
  // How long the old secret keeps working, so senders can be switched over without a gap.
  graceHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
});
export type TRotateSecret = z.infer<typeof ZRotateSecret>;

export type IntegrationSummary = {
  id: number;
  kind: (typeof INTEGRATION_KINDS)[number];
  name: string;
  isEnabled: boolean;
  activeSecrets: number;
  createdAt: Date;
  lastDeliveryAt: Date | null;
};

export const ZIntegrationId = z.coerce.number().int().positive().max(2_147_483_647);

export const ZUpdateIntegration = z.object({ isEnabled: z.boolean() });
