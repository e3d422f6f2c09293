import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { createUser, listUsers } from "@/lib/auth/manage-users";
import { ZCreateUserBody } from "@/lib/auth/schemas";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";

// GET /api/users — every user and their role (admin).
export const GET = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: false });
  return jsonResponse({ users: await listUsers(auth) });
});

// POST /api/users — {email, role, name?, password?}; a generated password is shown once (admin).
export const POST = handleErrors(async (request: Request) => {
  const auth = await authenticateRequest(request, { isMutation: true });
  const body = parseOrThrow(ZCreateUserBody, await readJsonBody(request, { emptyAs: {} }));
  return jsonResponse(await createUser(auth, body), 201);
});
