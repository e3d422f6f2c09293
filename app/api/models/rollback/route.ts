import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse } from "@/lib/http";
import { rollbackModelVersion } from "@/lib/scoring/rollback-model-version";

// POST /api/models/rollback — re-promotes the version promoted before the current one (lead; audited).
export const POST = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: true });
  const promotion = await rollbackModelVersion(auth);
  return jsonResponse({ promotion: { ...promotion, version: { id: promotion.version.id } } });
});
