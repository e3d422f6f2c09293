import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { revokeToken } from "@/lib/auth/manage-tokens";
import { ZNumericId } from "@/lib/auth/schemas";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";

// POST /api/tokens/:id/revoke — the token stops working at once (admin).
export const POST = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const auth = await authenticateRequest(request, { isMutation: true });
    const id = parseOrThrow(ZNumericId, (await context.params).id);
    return jsonResponse({ token: await revokeToken(auth, id) });
  },
);
