import { handleErrors, jsonResponse } from "@/lib/http";
import { receiveWebhook } from "@/lib/ingest/receive-webhook";

// POST /api/webhooks/pagerduty — PagerDuty Webhooks V3, signed with X-PagerDuty-Signature.
export const POST = handleErrors(async (request: Request) => {
  const { delivery, parsed, incidentUpdates } = await receiveWebhook("pagerduty", request);
  return jsonResponse({ ...delivery, ignored: parsed.ignoredReason, incidentUpdates }, 202);
});
