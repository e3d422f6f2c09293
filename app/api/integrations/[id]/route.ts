import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { setIntegrationEnabled } from "@/lib/integrations/manage-integrations";
import { ZIntegrationId, ZUpdateIntegration } from "@/lib/integrations/schemas";

// PATCH /api/integrations/:id — enable or disable (admin).
export const PATCH = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const auth = await authenticateRequest(request, { isMutation: true });
    const id = parseOrThrow(ZIntegrationId, (await context.params).id);
    const { isEnabled } = parseOrThrow(ZUpdateIntegration, await readJsonBody(request));
    await setIntegrationEnabled(auth, id, isEnabled);
    return jsonResponse({ id, isEnabled });
  },
);
