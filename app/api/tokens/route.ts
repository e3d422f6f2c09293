import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { createToken, listTokens } from "@/lib/auth/manage-tokens";
import { ZCreateTokenBody } from "@/lib/auth/schemas";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";

// GET /api/tokens — every API token, without its secret (admin).
export const GET = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: false });
  return jsonResponse({ tokens: await listTokens(auth) });
});

// POST /api/tokens — {email, name, role?}; the token is in this answer and never again (admin).
export const POST = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: true });
  const body = parseOrThrow(ZCreateTokenBody, await readJsonBody(request, { emptyAs: {} }));
  return jsonResponse(await createToken(auth, body), 201);
});
