import { errorAnswer, type JsonAnswer } from "../http";
import { getDedupKey } from "./pagerduty-events/get-dedup-key";
import type { IncomingBody } from "./read-webhook-body";
import { receiveWebhook } from "./receive-webhook";
import { WEBHOOK_KINDS, type WebhookIntegrationKind } from "./webhook-kinds";

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

/** `/api/webhooks/<kind>` (a query string allowed) → its integration kind, else null. */
export function webhookKindOfPath(url: string): WebhookIntegrationKind | null {
  const path = url.split("?", 1)[0]?.replace(/\/$/, "");
  const found = Object.entries(WEBHOOK_KINDS).find(([, webhook]) => webhook.path === path);
  return found ? (found[0] as WebhookIntegrationKind) : null;
}
