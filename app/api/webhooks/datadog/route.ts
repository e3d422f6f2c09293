import { handleErrors, jsonResponse } from "@/lib/http";
import { receiveWebhook } from "@/lib/ingest/receive-webhook";

// POST /api/webhooks/datadog — Datadog webhook integration (its default JSON template or richer).
export const POST = handleErrors(async (request: Request) => {
  const { delivery } = await receiveWebhook("datadog", request);
  return jsonResponse(delivery, 202);
});
