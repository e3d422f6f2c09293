import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { parseJsonBody, readWebhookText } from "@/lib/ingest/read-webhook-body";
import { authenticateWebhook } from "@/lib/integrations/authenticate-webhook";
import { extractCredentials } from "@/lib/integrations/verify-credentials";
import { recordSignals } from "@/lib/signals/record-signals";
import { ZSignalPush } from "@/lib/signals/schemas";

const MAX_BYTES = 1024 * 1024;

// POST /api/signals — error rates, latencies and health checks, with a `signals` integration's token.
export const POST = handleErrors(async (request: Request) => {
  const text = await readWebhookText(request, MAX_BYTES);
  await authenticateWebhook("signals", extractCredentials(request.headers), text);
  const push = parseOrThrow(ZSignalPush, parseJsonBody(text));
  return jsonResponse(await recordSignals(push), 202);
});
