import { answerAsResponse } from "@/lib/http";
import { answerWebhook } from "@/lib/ingest/answer-webhook";

// POST /api/webhooks/alertmanager — Prometheus Alertmanager webhook, version 4.
// The production server answers this path itself (lib/server); this handler serves `next dev`.
export const POST = async (request: Request) =>
  answerAsResponse(await answerWebhook("alertmanager", request));
