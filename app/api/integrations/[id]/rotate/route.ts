import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { rotateIntegrationSecret } from "@/lib/integrations/manage-integrations";
import { ZIntegrationId, ZRotateSecret } from "@/lib/integrations/schemas";

// POST /api/integrations/:id/rotate — a new secret; old ones work for graceHours more (admin).
export const POST = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const auth = await authenticateRequest(request, { isMutation: true });
    const id = parseOrThrow(ZIntegrationId, (await context.params).id);
    const input = parseOrThrow(ZRotateSecret, await readJsonBody(request, { emptyAs: {} }));
    return jsonResponse(await rotateIntegrationSecret(auth, id, input));
  },
);
