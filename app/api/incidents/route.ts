import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { ZIncidentListQuery } from "@/lib/incidents/schemas";

// GET /api/incidents?status=open&limit=100 — newest first.
export const GET = handleErrors(async (request: Request) => {
  await authenticateRequest(request, { isMutation: false });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseOrThrow(ZIncidentListQuery, params);
  return jsonResponse({ incidents: await listIncidents(query) });
});
