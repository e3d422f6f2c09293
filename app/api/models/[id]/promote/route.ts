import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { ZNumericId } from "@/lib/auth/schemas";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { promoteModelVersion } from "@/lib/scoring/promote-model-version";

// POST /api/models/:id/promote — scoring uses this version from now on (lead; audited).
export const POST = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const auth = await authenticateRequest(request, { isMutation: true });
    const id = parseOrThrow(ZNumericId, (await context.params).id);
    const promotion = await promoteModelVersion(auth, id);
    return jsonResponse({ promotion: { ...promotion, version: { id: promotion.version.id } } });
  },
);
