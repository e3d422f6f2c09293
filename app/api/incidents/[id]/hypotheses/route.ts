import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { ZIncidentId } from "@/lib/incidents/schemas";
import { getIncidentHypotheses } from "@/lib/scoring/get-incident-hypotheses";

// GET /api/incidents/:id/hypotheses — ranked root-cause hypotheses with calibrated confidence (viewer).
export const GET = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    await authenticateRequest(request, { isMutation: false });
    const id = parseOrThrow(ZIncidentId, (await context.params).id);
    return jsonResponse(await getIncidentHypotheses(id));
  },
);
