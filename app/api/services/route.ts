import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { listServices } from "@/lib/catalog/list-services";
import { handleErrors, jsonResponse } from "@/lib/http";

// GET /api/services?q=… — the catalog, tier 1 first.
export const GET = handleErrors(async (request: Request) => {
  await authenticateRequest(request, { isMutation: false });
  const search = new URL(request.url).searchParams.get("q") ?? undefined;
  return jsonResponse({ services: await listServices(search) });
});
