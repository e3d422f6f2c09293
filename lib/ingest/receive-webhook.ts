import { requestCorrelation } from "../correlate/request-correlation";
import { correlatePendingAlerts } from "../correlate/run-correlation";
import { getEnv } from "../env";
import { applyIncidentUpdates } from "../incidents/apply-incident-updates";
import { authenticateWebhook } from "../integrations/authenticate-webhook";
import { extractCredentials } from "../integrations/verify-credentials";
import { enforceRateLimit, RateLimiter } from "./rate-limit";
import {
  fromWebRequest,
  type IncomingBody,
  parseJsonBody,
  pickDeliveryHeaders,
  readWebhookText,
} from "./read-webhook-body";
import type { ParsedDelivery } from "./schemas";
import { type StoredDelivery, storeParsedDelivery } from "./store-delivery";
import { WEBHOOK_KINDS, type WebhookIntegrationKind } from "./webhook-kinds";

export type WebhookReceipt = {
  delivery: StoredDelivery;
  parsed: ParsedDelivery;
  incidentUpdates: { applied: number; unmatched: number };
};

let limiter: RateLimiter | undefined;
function getLimiter(): RateLimiter {
  const env = getEnv();
  limiter ??= new RateLimiter(env.FAULTLINE_RATE_LIMIT_PER_SECOND, env.FAULTLINE_RATE_LIMIT_BURST);
  return limiter;
}

/**
 * Everything a webhook does before it answers: size and type checks, authentication, rate
 * limit, parsing, and storing durably. Correlation follows in the background.
 */
export async function receiveWebhook(
  kind: WebhookIntegrationKind,
  webRequest: Request | IncomingBody,
  now = new Date(),
): Promise<WebhookReceipt> {
  const request = webRequest instanceof Request ? fromWebRequest(webRequest) : webRequest;
  const webhook = WEBHOOK_KINDS[kind];
  const text = await readWebhookText(request, webhook.maxBytes(getEnv()));
  // PagerDuty's Events API carries its integration key in the body, so that body is read first.
  const early = kind === "pagerduty_events" ? parseJsonBody(text) : undefined;
  const { integrationId } = await authenticateWebhook(
    kind,
    extractCredentials(request.headers, readRoutingKey(early)),
    text,
    now,
  );
  enforceRateLimit(getLimiter(), integrationId, now);
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
