import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { getCatalogMap } from "@/lib/graph/get-catalog-map";
import { handleErrors, jsonResponse } from "@/lib/http";

// GET /api/services/map — the whole dependency graph, laid out, coloured by live signals.
export const GET = handleErrors(async (request: Request) => {
  await authenticateRequest(request, { isMutation: false });
  return jsonResponse(await getCatalogMap());
});
