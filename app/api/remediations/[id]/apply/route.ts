import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { applyRemediation } from "@/lib/remediation/apply-remediation";
import { ZApplyBody, ZRemediationId } from "@/lib/remediation/schemas";

// POST /api/remediations/:id/apply {diffHash} — apply exactly the reviewed diff (responder); 409 with the new preview if it moved.
export const POST = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const auth = await authenticateRequest(request, { isMutation: true });
    const id = parseOrThrow(ZRemediationId, (await context.params).id);
    const body = parseOrThrow(ZApplyBody, await readJsonBody(request));
    const outcome = await applyRemediation(auth, id, body.diffHash);
    // A GitOps push that git could not take yet is retried by a job: accepted, not done.
    return jsonResponse(outcome, outcome.apply.status === "pending" ? 202 : 200);
  },
);
