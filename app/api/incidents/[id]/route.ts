import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { getIncidentOrThrow } from "@/lib/incidents/get-incident";
import { ZIncidentId } from "@/lib/incidents/schemas";

// GET /api/incidents/:id — the incident with its alerts and timeline.
export const GET = handleErrors(
  async (_request: Request, context: { params: Promise<{ id: string }> }) => {
    const id = parseOrThrow(ZIncidentId, (await context.params).id);
    return jsonResponse({ incident: await getIncidentOrThrow(id) });
  },
);
