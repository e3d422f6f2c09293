import { handleErrors, jsonResponse } from "@/lib/http";
import { receiveWebhook } from "@/lib/ingest/receive-webhook";

// POST /api/webhooks/generic — our own schema for any other sender (docs/webhooks/generic.md).
export const POST = handleErrors(async (request: Request) => {
  const { delivery } = await receiveWebhook("generic", request);
  return jsonResponse(delivery, 202);
});
