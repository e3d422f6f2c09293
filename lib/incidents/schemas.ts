import { z } from "zod";
import type { TIncidentChange } from "../changes/list-incident-changes";
import type { AlertSource, AlertStatus, IncidentStatus, Severity } from "../generated/prisma/enums";

export const INCIDENT_STATUSES = ["triggered", "acknowledged", "mitigated", "resolved"] as const;
export const OPEN_INCIDENT_STATUSES = ["triggered", "acknowledged", "mitigated"] as const;

/** `?status=triggered,acknowledged` or `?status=open`; absent means every status. */
export const ZIncidentListQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const statuses = new Set<IncidentStatus>();
      for (const part of value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)) {
        if (part === "open") for (const status of OPEN_INCIDENT_STATUSES) statuses.add(status);
        else if ((INCIDENT_STATUSES as readonly string[]).includes(part))
          statuses.add(part as IncidentStatus);
        else {
          context.addIssue({
            code: "custom",
            message: `unknown status "${part}"; use ${INCIDENT_STATUSES.join(", ")} or open`,
          });
          return z.NEVER;
        }
      }
      return [...statuses];
    }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TIncidentListQuery = z.infer<typeof ZIncidentListQuery>;

export const ZIncidentId = z.coerce.number().int().positive().max(2_147_483_647);

export type ServiceSummary = { id: number; slug: string; name: string };

export type IncidentSummary = {
  id: number;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  originService: ServiceSummary | null;
  pagerdutyIncidentId: string | null;
  openedAt: Date;
  lastAlertAt: Date;
  resolvedAt: Date | null;
  alertCount: number;
  firingAlertCount: number;
  serviceCount: number;
};

export type IncidentAlert = {
  id: number;
  source: AlertSource;
  fingerprint: string;
  status: AlertStatus;
  name: string;
  severity: Severity;
  summary: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  generatorUrl: string | null;
  service: ServiceSummary;
};

export type IncidentTimelineEvent = {
  id: number;
  at: Date;
  kind: string;
  actor: string;
  text: string;
};

export type IncidentDetail = IncidentSummary & {
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  parentIncidentId: number | null;
  alerts: IncidentAlert[];
  /** Changes on its origin and suspect services, newest first (lib/changes). */
  changes: TIncidentChange[];
  timeline: IncidentTimelineEvent[];
};

export const ZStatusChangeBody = z.object({
  status: z.enum(["acknowledged", "mitigated", "resolved"]),
  note: z.string().trim().max(2000).optional(),
});
export type TStatusChangeBody = z.infer<typeof ZStatusChangeBody>;

/** What a type looks like after JSON.stringify: dates become ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;
