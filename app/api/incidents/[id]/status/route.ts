import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { changeIncidentStatus } from "@/lib/incidents/change-incident-status";
import { ZIncidentId, ZStatusChangeBody } from "@/lib/incidents/schemas";

// POST /api/incidents/:id/status — acknowledge, mitigate or resolve, as the signed-in user (responder).
export const POST = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const auth = await authenticateRequest(request, { isMutation: true });
    const id = parseOrThrow(ZIncidentId, (await context.params).id);
    const body = parseOrThrow(ZStatusChangeBody, await readJsonBody(request));
    const result = await changeIncidentStatus(auth, id, { ...body, at: new Date() });
    return jsonResponse({ incident: result });
  },
);
