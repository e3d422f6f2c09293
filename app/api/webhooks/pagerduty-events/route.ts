import { answerAsResponse } from "@/lib/http";
import { answerWebhook } from "@/lib/ingest/answer-webhook";

// POST /api/webhooks/pagerduty-events — PagerDuty Events API v2 (alert and change events),
// answered the way PagerDuty answers, so existing clients need only a new URL.
// The production server answers this path itself (lib/server); this handler serves `next dev`.
export const POST = async (request: Request) =>
  answerAsResponse(await answerWebhook("pagerduty_events", request));
