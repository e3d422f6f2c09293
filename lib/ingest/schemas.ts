import { z } from "zod";
import type { AlertSource, AlertStatus, Severity } from "../generated/prisma/enums";

/** One alert as every sender's parser hands it to the store, whatever it looked like on the wire. */
export type NormalizedAlert = {
  source: AlertSource;
  /**
   * The sender's identity for the alert (Alertmanager/Grafana fingerprint, PagerDuty dedup_key,
   * Datadog monitor id + group), else a hash of the normalised labels; never the alert name.
   */
  fingerprint: string;
  status: AlertStatus;
  name: string;
  severity: Severity;
  summary: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** When the alert started, as the sender says, or when we received it if the sender does not say. */
  startsAt: Date;
  /**
   * False when the sender gives no stable start time (PagerDuty events, Datadog): the store then
   * treats an open alert with the same fingerprint as the same occurrence, whatever startsAt says.
   */
  isStartKnown: boolean;
  endsAt: Date | null;
  generatorUrl: string | null;
  groupKey: string | null;
  service: ServiceRef;
};

/** The service an alert belongs to, and what of the alert named it. */
export type ServiceRef = { slug: string; name: string; origin: TServiceOrigin };

/**
 * Where a service name came from: a label (or "a+b" labels) or a sender's field, else, for an
 * alert that names none, its sender group or its own fingerprint. Kept on services it creates.
 */
export const ZServiceOrigin = z.union([
  z.object({ label: z.string(), value: z.string() }),
  z.object({ field: z.string(), value: z.string() }),
  z.object({ group: z.string() }),
  z.object({ fingerprint: z.string() }),
]);
export type TServiceOrigin = z.infer<typeof ZServiceOrigin>;

/** A change a sender reports (PagerDuty change events): kept for root-cause analysis. */
export type NormalizedChangeEvent = {
  source: AlertSource;
  service: ServiceRef | null;
  kind: "deploy" | "config" | "flag" | "other";
  summary: string;
  version: string | null;
  at: Date;
  links: { href: string; text: string | null }[];
  details: Record<string, unknown>;
};

/** What a sender asks us to do to one of our incidents (PagerDuty acknowledge, resolve, notes). */
export type IncidentUpdateRequest = {
  /** The incident linked to this PagerDuty incident, or the one holding this alert. */
  target: { pagerdutyIncidentId: string } | { alertSource: AlertSource; alertFingerprint: string };
  action: "acknowledge" | "resolve" | "note";
  /** Who did it, as the sender names them, e.g. "PagerDuty: Jane Doe". */
  actor: string;
  at: Date;
  /** One line for the incident timeline. */
  text: string;
};

/** Everything one webhook delivery carries, after parsing. */
export type ParsedDelivery = {
  /** The sender's id for this delivery (PagerDuty event id), used to ignore redeliveries. */
  deliveryKey: string | null;
  alerts: NormalizedAlert[];
  incidentUpdates: IncidentUpdateRequest[];
  changeEvents: NormalizedChangeEvent[];
  /** Set when the delivery is valid but carries nothing we act on (an unknown event type). */
  ignoredReason: string | null;
};

/** What parsers may use besides the body. */
export type ParseContext = {
  receivedAt: Date;
  headers: Record<string, string>;
  /** Labels that name an alert's service, in order of preference (FAULTLINE_SERVICE_LABELS). */
  serviceLabels: readonly string[];
};

/** A webhook body that passed its size and JSON checks, with what we keep of the request. */
export type AcceptedDelivery = {
  source: AlertSource;
  rawBody: string;
  headers: Record<string, string>;
  receivedAt: Date;
};

export function emptyParsedDelivery(overrides: Partial<ParsedDelivery> = {}): ParsedDelivery {
  return {
    deliveryKey: null,
    alerts: [],
    incidentUpdates: [],
    changeEvents: [],
    ignoredReason: null,
    ...overrides,
  };
}
