import { readJsonBody } from "@/lib/api/read-json-body";
import { requireAdmin } from "@/lib/auth/require-admin";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { createIntegration, listIntegrations } from "@/lib/integrations/manage-integrations";
import { ZCreateIntegration } from "@/lib/integrations/schemas";

// GET /api/integrations — every integration, without secrets (admin).
export const GET = handleErrors(async (request: Request) => {
  requireAdmin(request.headers);
  return jsonResponse({ integrations: await listIntegrations() });
});

// POST /api/integrations — create one; its secret is in this answer and never again (admin).
export const POST = handleErrors(async (request: Request) => {
  requireAdmin(request.headers);
  const input = parseOrThrow(ZCreateIntegration, await readJsonBody(request));
  return jsonResponse(await createIntegration(input), 201);
});
