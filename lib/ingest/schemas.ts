import type { AlertSource, AlertStatus, Severity } from "../generated/prisma/enums";

/** One alert as every sender's parser hands it to the store, whatever it looked like on the wire. */
export type NormalizedAlert = {
  source: AlertSource;
  /** The sender's identity for the alert; with startsAt it identifies one occurrence. */
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
  groupKey: string | null;
  service: ServiceRef;
};

/** The service an alert belongs to, as named by its labels. */
export type ServiceRef = { slug: string; name: string };

/** A webhook body that passed its size and JSON checks, with what we keep of the request. */
export type AcceptedDelivery = {
  source: AlertSource;
  rawBody: string;
  headers: Record<string, string>;
  receivedAt: Date;
};
