import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { getServiceOrThrow } from "@/lib/catalog/get-service";
import { decodeRouteParam, handleErrors, jsonResponse } from "@/lib/http";

// GET /api/services/:slug — one service with its metadata, edges, firing alerts and incidents.
export const GET = handleErrors(
  async (request: Request, context: { params: Promise<{ slug: string }> }) => {
    await authenticateRequest(request, { isMutation: false });
    const { slug } = await context.params;
    return jsonResponse({ service: await getServiceOrThrow(decodeRouteParam(slug)) });
  },
);
