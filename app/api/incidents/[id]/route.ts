import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { getIncidentOrThrow } from "@/lib/incidents/get-incident";
import { ZIncidentId } from "@/lib/incidents/schemas";

// GET /api/incidents/:id — the incident with its alerts and timeline.
export const GET = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    await authenticateRequest(request, { isMutation: false });
    const id = parseOrThrow(ZIncidentId, (await context.params).id);
    return jsonResponse({ incident: await getIncidentOrThrow(id) });
  },
);
