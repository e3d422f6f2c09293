import { answerAsResponse } from "@/lib/http";
import { answerWebhook } from "@/lib/ingest/answer-webhook";

// POST /api/webhooks/generic — our own schema for any other sender (docs/webhooks/generic.md).
// The production server answers this path itself (lib/server); this handler serves `next dev`.
export const POST = async (request: Request) =>
  answerAsResponse(await answerWebhook("generic", request));
