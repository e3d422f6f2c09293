import { handleErrors, jsonResponse } from "@/lib/http";
import { getDedupKey } from "@/lib/ingest/pagerduty-events/get-dedup-key";
import { receiveWebhook } from "@/lib/ingest/receive-webhook";

// POST /api/webhooks/pagerduty-events — PagerDuty Events API v2 (alert and change events),
// answered the way PagerDuty answers, so existing clients need only a new URL.
export const POST = handleErrors(async (request: Request) => {
  const { delivery, parsed } = await receiveWebhook("pagerduty_events", request);
  const isChange = parsed.changeEvents.length > 0;
  return jsonResponse(
    {
      status: "success",
      message: isChange ? "Change event processed" : "Event processed",
      ...(isChange ? {} : { dedup_key: getDedupKey(parsed) }),
      deliveryId: delivery.deliveryId,
    },
    202,
  );
});
