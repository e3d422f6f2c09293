import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse } from "@/lib/http";

// GET /api/auth/me — who this request is, and with which role.
export const GET = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: false });
  return jsonResponse({ actor: auth.actor, role: auth.role });
});
