import { answerAsResponse } from "@/lib/http";
import { answerWebhook } from "@/lib/ingest/answer-webhook";

// POST /api/webhooks/pagerduty — PagerDuty Webhooks V3, signed with X-PagerDuty-Signature.
// The production server answers this path itself (lib/server); this handler serves `next dev`.
export const POST = async (request: Request) =>
  answerAsResponse(await answerWebhook("pagerduty", request));
