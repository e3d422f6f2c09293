import { answerAsResponse } from "@/lib/http";
import { answerWebhook } from "@/lib/ingest/answer-webhook";

// POST /api/webhooks/grafana — Grafana unified alerting webhook contact point.
// The production server answers this path itself (lib/server); this handler serves `next dev`.
export const POST = async (request: Request) =>
  answerAsResponse(await answerWebhook("grafana", request));
