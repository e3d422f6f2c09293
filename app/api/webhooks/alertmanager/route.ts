import { handleErrors, jsonResponse } from "@/lib/http";
import { receiveWebhook } from "@/lib/ingest/receive-webhook";

// POST /api/webhooks/alertmanager — Prometheus Alertmanager webhook, version 4.
export const POST = handleErrors(async (request: Request) => {
  const { delivery } = await receiveWebhook("alertmanager", request);
  return jsonResponse(delivery, 202);
});
