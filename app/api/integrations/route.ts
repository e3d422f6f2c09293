import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { createIntegration, listIntegrations } from "@/lib/integrations/manage-integrations";
import { ZCreateIntegration } from "@/lib/integrations/schemas";

// GET /api/integrations — every integration, without secrets (admin).
export const GET = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: false });
  return jsonResponse({ integrations: await listIntegrations(auth) });
});

// POST /api/integrations — create one; its secret is in this answer and never again (admin).
export const POST = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: true });
  const input = parseOrThrow(ZCreateIntegration, await readJsonBody(request));
  return jsonResponse(await createIntegration(auth, input), 201);
});
