import { answerAsResponse } from "@/lib/http";
import { answerWebhook } from "@/lib/ingest/answer-webhook";

// POST /api/webhooks/datadog — Datadog webhook integration (its default JSON template or richer).
// The production server answers this path itself (lib/server); this handler serves `next dev`.
export const POST = async (request: Request) =>
  answerAsResponse(await answerWebhook("datadog", request));
