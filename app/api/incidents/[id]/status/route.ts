import { readJsonBody } from "@/lib/api/read-json-body";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { changeIncidentStatus } from "@/lib/incidents/change-incident-status";
import { ZIncidentId, ZStatusChangeBody } from "@/lib/incidents/schemas";

// POST /api/incidents/:id/status — acknowledge, mitigate or resolve, with who did it.
export const POST = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const id = parseOrThrow(ZIncidentId, (await context.params).id);
    const body = parseOrThrow(ZStatusChangeBody, await readJsonBody(request));
    const result = await changeIncidentStatus(id, { ...body, at: new Date() });
    return jsonResponse({ incident: result });
  },
);
