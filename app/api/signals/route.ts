import { readJsonBody } from "@/lib/api/read-json-body";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { authenticateWebhook } from "@/lib/integrations/authenticate-webhook";
import { extractCredentials } from "@/lib/integrations/verify-credentials";
import { recordSignals } from "@/lib/signals/record-signals";
import { ZSignalPush } from "@/lib/signals/schemas";

// POST /api/signals — error rates, latencies and health checks, with a `signals` integration's token.
// The token is a header: a bad one is refused before the body is read.
export const POST = handleErrors(async (request: Request) => {
  await authenticateWebhook("signals", extractCredentials(request.headers), null);
  const push = parseOrThrow(ZSignalPush, await readJsonBody(request));
  return jsonResponse(await recordSignals(push), 202);
});
