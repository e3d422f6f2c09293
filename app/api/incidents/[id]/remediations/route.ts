import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { ZIncidentId } from "@/lib/incidents/schemas";
import { createRemediation } from "@/lib/remediation/create-remediation";
import { listIncidentRemediations } from "@/lib/remediation/list-incident-remediations";
import { ZCreateRemediationBody } from "@/lib/remediation/schemas";

type TContext = { params: Promise<{ id: string }> };

// GET /api/incidents/:id/remediations — the suggested (and by-hand) remediations, each with its diff and hash.
export const GET = handleErrors(async (request: Request, context: TContext) => {
  await authenticateRequest(request, { isMutation: false });
  const id = parseOrThrow(ZIncidentId, (await context.params).id);
  return jsonResponse(await listIncidentRemediations(id));
});

// POST /api/incidents/:id/remediations — a preview started by hand (responder).
export const POST = handleErrors(async (request: Request, context: TContext) => {
  const auth = await authenticateRequest(request, { isMutation: true });
  const id = parseOrThrow(ZIncidentId, (await context.params).id);
  const body = parseOrThrow(ZCreateRemediationBody, await readJsonBody(request));
  return jsonResponse({ remediation: await createRemediation(auth, id, body) }, 201);
});
