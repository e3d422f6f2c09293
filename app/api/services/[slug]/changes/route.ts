import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { listServiceChanges } from "@/lib/changes/list-service-changes";
import { ZChangeListQuery } from "@/lib/changes/schemas";
import { decodeRouteParam, handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";

// GET /api/services/:slug/changes — the service's change events, newest first, with their files.
export const GET = handleErrors(
  async (request: Request, context: { params: Promise<{ slug: string }> }) => {
    await authenticateRequest(request, { isMutation: false });
    const slug = decodeRouteParam((await context.params).slug);
    const query = parseOrThrow(
      ZChangeListQuery,
      Object.fromEntries(new URL(request.url).searchParams),
    );
    return jsonResponse({ changes: await listServiceChanges(slug, query.limit) });
  },
);
