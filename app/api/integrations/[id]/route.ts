import { readJsonBody } from "@/lib/api/read-json-body";
import { requireAdmin } from "@/lib/auth/require-admin";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { setIntegrationEnabled } from "@/lib/integrations/manage-integrations";
import { ZIntegrationId, ZUpdateIntegration } from "@/lib/integrations/schemas";

// PATCH /api/integrations/:id — enable or disable (admin).
export const PATCH = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    requireAdmin(request.headers);
    const id = parseOrThrow(ZIntegrationId, (await context.params).id);
    const { isEnabled } = parseOrThrow(ZUpdateIntegration, await readJsonBody(request));
    await setIntegrationEnabled(id, isEnabled);
    return jsonResponse({ id, isEnabled });
  },
);
