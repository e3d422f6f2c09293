import type { Env } from "../env";
import type { AlertSource, IntegrationKind } from "../generated/prisma/enums";
import { parseAlertmanager } from "./alertmanager/parse-alertmanager";
import { parseDatadog } from "./datadog/parse-datadog";
import { parseGeneric } from "./generic/parse-generic";
import { parseGrafana } from "./grafana/parse-grafana";
import { parsePagerDuty } from "./pagerduty/parse-pagerduty";
import { parsePagerDutyEvents } from "./pagerduty-events/parse-pagerduty-events";
import { redactRoutingKey } from "./pagerduty-events/redact-routing-key";
import type { ParseContext, ParsedDelivery } from "./schemas";

export type WebhookKind = {
  /** Where senders post (app/api/webhooks/<segment>/route.ts, and faultline serve). */
  path: string;
  /** What alerts and deliveries from this webhook are recorded as. */
  source: AlertSource;
  parse: (json: unknown, context: ParseContext) => ParsedDelivery;
  maxBytes: (env: Env) => number;
  /** The body as stored, for senders that put a secret in it. */
  redactBody?: (rawBody: string) => string;
};

/** Integration kinds that post alerts to a webhook (the others push signals or changes). */
export type WebhookIntegrationKind = Exclude<IntegrationKind, "signals" | "changes">;

/** Every webhook route, by integration kind: which parser, which source, which body limit. */
export const WEBHOOK_KINDS: Record<WebhookIntegrationKind, WebhookKind> = {
  alertmanager: {
    path: "/api/webhooks/alertmanager",
    source: "alertmanager",
    parse: parseAlertmanager,
    maxBytes: (env) =>
      env.FAULTLINE_WEBHOOK_MAX_BYTES_ALERTMANAGER ?? env.FAULTLINE_WEBHOOK_MAX_BYTES,
  },
  grafana: {
    path: "/api/webhooks/grafana",
    source: "grafana",
    parse: parseGrafana,
    maxBytes: (env) => env.FAULTLINE_WEBHOOK_MAX_BYTES_GRAFANA ?? env.FAULTLINE_WEBHOOK_MAX_BYTES,
  },
  datadog: {
    path: "/api/webhooks/datadog",
    source: "datadog",
    parse: parseDatadog,
    maxBytes: (env) => env.FAULTLINE_WEBHOOK_MAX_BYTES_DATADOG ?? env.FAULTLINE_WEBHOOK_MAX_BYTES,
  },
  generic: {
    path: "/api/webhooks/generic",
    source: "generic",
    parse: parseGeneric,
    maxBytes: (env) => env.FAULTLINE_WEBHOOK_MAX_BYTES_GENERIC ?? env.FAULTLINE_WEBHOOK_MAX_BYTES,
  },
  pagerduty: {
    path: "/api/webhooks/pagerduty",
    source: "pagerduty",
    parse: parsePagerDuty,
    maxBytes: (env) => env.FAULTLINE_WEBHOOK_MAX_BYTES_PAGERDUTY ?? env.FAULTLINE_WEBHOOK_MAX_BYTES,
  },
  pagerduty_events: {
    path: "/api/webhooks/pagerduty-events",
    source: "pagerduty",
    parse: parsePagerDutyEvents,
    redactBody: redactRoutingKey,
    maxBytes: (env) => env.FAULTLINE_WEBHOOK_MAX_BYTES_PAGERDUTY ?? env.FAULTLINE_WEBHOOK_MAX_BYTES,
  },
};
