import { handleErrors, jsonResponse } from "@/lib/http";
import { receiveWebhook } from "@/lib/ingest/receive-webhook";

// POST /api/webhooks/grafana — Grafana unified alerting webhook contact point.
export const POST = handleErrors(async (request: Request) => {
  const { delivery } = await receiveWebhook("grafana", request);
  return jsonResponse(delivery, 202);
});
