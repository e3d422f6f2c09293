import { listAudit } from "@/lib/audit/list-audit";
import { ZAuditQuery } from "@/lib/audit/schemas";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";

// GET /api/audit?actor&action&objectType&objectId&since&until&limit&before — newest first (admin).
export const GET = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: false });
  const query = parseOrThrow(ZAuditQuery, Object.fromEntries(new URL(request.url).searchParams));
  return jsonResponse({ entries: await listAudit(auth, query) });
});
