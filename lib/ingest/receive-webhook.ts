import { requestCorrelation } from "../correlate/request-correlation";
import { correlatePendingAlerts } from "../correlate/run-correlation";
import { getEnv } from "../env";
import { applyIncidentUpdates } from "../incidents/apply-incident-updates";
import { authenticateWebhook } from "../integrations/authenticate-webhook";
import { extractCredentials, isDecidedByHeaders } from "../integrations/verify-credentials";
import { enforceIpRateLimit, enforceRateLimit, RateLimiter } from "./rate-limit";
import {
  fromWebRequest,
  type IncomingBody,
  parseJsonBody,
  pickDeliveryHeaders,
  readWebhookText,
} from "./read-webhook-body";
import { refuseStaleSignature } from "./refuse-stale-signature";
import type { ParsedDelivery } from "./schemas";
import { type StoredDelivery, storeParsedDelivery } from "./store-delivery";
import { WEBHOOK_KINDS, type WebhookIntegrationKind } from "./webhook-kinds";

export type WebhookReceipt = {
  delivery: StoredDelivery;
  parsed: ParsedDelivery;
  incidentUpdates: { applied: number; unmatched: number };
};

let limiter: RateLimiter | undefined;
let ipLimiter: RateLimiter<string> | undefined;
function getLimiters(): { perIntegration: RateLimiter; perIp: RateLimiter<string> } {
  const env = getEnv();
  limiter ??= new RateLimiter(env.FAULTLINE_RATE_LIMIT_PER_SECOND, env.FAULTLINE_RATE_LIMIT_BURST);
  ipLimiter ??= new RateLimiter(
    env.FAULTLINE_WEBHOOK_IP_RATE_LIMIT_PER_SECOND,
    env.FAULTLINE_WEBHOOK_IP_RATE_LIMIT_BURST,
  );
  return { perIntegration: limiter, perIp: ipLimiter };
}

/**
 * Everything a webhook does before it answers, cheapest refusal first: the per-address rate
 * limit, credentials the headers decide, size and type checks, signatures over the body, the
 * per-integration limit, parsing, and storing durably. Correlation follows in the background.
 */
export async function receiveWebhook(
  kind: WebhookIntegrationKind,
  webRequest: Request | IncomingBody,
  now = new Date(),
): Promise<WebhookReceipt> {
  const request = webRequest instanceof Request ? fromWebRequest(webRequest) : webRequest;
  const webhook = WEBHOOK_KINDS[kind];
  const limiters = getLimiters();
  enforceIpRateLimit(limiters.perIp, request.clientIp, now);
  const presented = extractCredentials(request.headers);
  if (kind === "grafana") refuseStaleSignature(presented, now);
  const byHeaders = isDecidedByHeaders(kind, presented)
    ? await authenticateWebhook(kind, presented, null, now)
    : undefined;
  const text = await readWebhookText(request, webhook.maxBytes(getEnv()));
  // PagerDuty's Events API carries its integration key in the body, so that body is parsed first.
  const early = kind === "pagerduty_events" ? parseJsonBody(text) : undefined;
  const { integrationId } =
    byHeaders ??
    (await authenticateWebhook(
      kind,
      { ...presented, routingKey: readRoutingKey(early) },
      text,
      now,
    ));
  enforceRateLimit(limiters.perIntegration, integrationId, now);
  const json = early ?? parseJsonBody(text);
  const headers = pickDeliveryHeaders(request.headers);
  const serviceLabels = getEnv().FAULTLINE_SERVICE_LABELS;
  const parsed = webhook.parse(json, { receivedAt: now, headers, serviceLabels });
  const delivery = await storeParsedDelivery(
    {
      source: webhook.source,
      integrationId,
      rawBody: webhook.redactBody?.(text) ?? text,
      headers,
      receivedAt: now,
    },
    parsed,
  );
  let incidentUpdates = { applied: 0, unmatched: 0 };
  if (!delivery.isDuplicate && parsed.incidentUpdates.length > 0) {
    // The update may refer to an alert this very delivery brought: correlate it first.
    await correlatePendingAlerts();
    incidentUpdates = await applyIncidentUpdates(parsed.incidentUpdates);
  }
  if (delivery.alertsReceived > 0 && !delivery.isDuplicate) requestCorrelation();
  return { delivery, parsed, incidentUpdates };
}

function readRoutingKey(json: unknown): string | null {
  if (
    json &&
    typeof json === "object" &&
    "routing_key" in json &&
    typeof json.routing_key === "string"
  ) {
    return json.routing_key;
  }
  return null;
}
