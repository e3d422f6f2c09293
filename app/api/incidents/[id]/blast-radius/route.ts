import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { getIncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { ZIncidentId } from "@/lib/incidents/schemas";

// GET /api/incidents/:id/blast-radius — nodes with state and reason, edges, verdict, common cause.
export const GET = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    await authenticateRequest(request, { isMutation: false });
    const id = parseOrThrow(ZIncidentId, (await context.params).id);
    return jsonResponse(await getIncidentBlastRadius(id));
  },
);
