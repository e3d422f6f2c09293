import { errorAnswer, type JsonAnswer } from "../http";
import { getDedupKey } from "./pagerduty-events/get-dedup-key";
import type { IncomingBody } from "./read-webhook-body";
import { receiveWebhook } from "./receive-webhook";
import type { WebhookIntegrationKind } from "./webhook-kinds";

/** The answer to a webhook post: 202 with what was stored, or a typed JSON error. Never throws. */
export async function answerWebhook(
  kind: WebhookIntegrationKind,
  request: Request | IncomingBody,
): Promise<JsonAnswer> {
  try {
    const { delivery, parsed, incidentUpdates } = await receiveWebhook(kind, request);
    const accepted = (body: unknown): JsonAnswer => ({ status: 202, body, headers: {} });
    if (kind === "pagerduty") {
      return accepted({ ...delivery, ignored: parsed.ignoredReason, incidentUpdates });
    }
    if (kind === "pagerduty_events") {
      // Answered the way PagerDuty answers, so existing clients need only a new URL.
      const isChange = parsed.changeEvents.length > 0;
      return accepted({
        status: "success",
        message: isChange ? "Change event processed" : "Event processed",
        ...(isChange ? {} : { dedup_key: getDedupKey(parsed) }),
        deliveryId: delivery.deliveryId,
      });
    }
    return accepted(delivery);
  } catch (error) {
    return errorAnswer(error);
  }
}

// The URL path segment of each webhook route (app/api/webhooks/<segment>/route.ts).
const KIND_BY_PATH_SEGMENT: Record<string, WebhookIntegrationKind> = {
  alertmanager: "alertmanager",
  grafana: "grafana",
  datadog: "datadog",
  generic: "generic",
  pagerduty: "pagerduty",
  "pagerduty-events": "pagerduty_events",
};

/** `/api/webhooks/<kind>` (a query string allowed) → its integration kind, else null. */
export function webhookKindOfPath(url: string): WebhookIntegrationKind | null {
  const match = /^\/api\/webhooks\/([a-z-]+)\/?(?:\?.*)?$/.exec(url);
  return (match && KIND_BY_PATH_SEGMENT[match[1] as string]) || null;
}
