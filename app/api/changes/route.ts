import { readJsonBody } from "@/lib/api/read-json-body";
import { getSystemContext } from "@/lib/auth/get-cli-context";
import { recordChange } from "@/lib/changes/record-change";
import { ZChangeBody } from "@/lib/changes/schemas";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { authenticateWebhook } from "@/lib/integrations/authenticate-webhook";
import { extractCredentials } from "@/lib/integrations/verify-credentials";

const MAX_CHANGE_BODY_BYTES = 8 * 1024 * 1024;

// POST /api/changes — a deploy, config change or flag flip with its files, by a `changes` integration.
// The token is a header: a bad one is refused before the body is read.
export const POST = handleErrors(async (request: Request) => {
  const { integrationId } = await authenticateWebhook(
    "changes",
    extractCredentials(request.headers),
    null,
  );
  const body = parseOrThrow(
    ZChangeBody,
    await readJsonBody(request, { maxBytes: MAX_CHANGE_BODY_BYTES }),
  );
  const context = getSystemContext(`integration #${integrationId} (changes)`);
  return jsonResponse({ change: await recordChange(context, body) }, 201);
});
