import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { ZIncidentId } from "@/lib/incidents/schemas";
import { confirmRootCause, ZRootCauseBody } from "@/lib/scoring/confirm-root-cause";

// POST /api/incidents/:id/root-cause — the responder confirms the cause: training history, audited.
export const POST = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const auth = await authenticateRequest(request, { isMutation: true });
    const id = parseOrThrow(ZIncidentId, (await context.params).id);
    const body = parseOrThrow(ZRootCauseBody, await readJsonBody(request));
    return jsonResponse({ rootCause: await confirmRootCause(auth, id, body) });
  },
);
