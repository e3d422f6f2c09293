import { requestCorrelation } from "@/lib/correlate/request-correlation";
import { getEnv } from "@/lib/env";
import { handleErrors, jsonResponse } from "@/lib/http";
import { ingestAlertmanager } from "@/lib/ingest/alertmanager/ingest-alertmanager";
import { pickDeliveryHeaders, readWebhookBody } from "@/lib/ingest/read-webhook-body";

// POST /api/webhooks/alertmanager — Prometheus Alertmanager webhook, version 4.
export const POST = handleErrors(async (request: Request) => {
  const body = await readWebhookBody(request, getEnv().FAULTLINE_WEBHOOK_MAX_BYTES);
  const stored = await ingestAlertmanager(body, pickDeliveryHeaders(request.headers));
  requestCorrelation();
  return jsonResponse(stored, 202);
});
