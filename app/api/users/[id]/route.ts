import { readJsonBody } from "@/lib/api/read-json-body";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { updateUser } from "@/lib/auth/manage-users";
import { ZNumericId, ZUpdateUserBody } from "@/lib/auth/schemas";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";

// PATCH /api/users/:id — {role?, isDisabled?}; enabling also lifts a lockout (admin).
export const PATCH = handleErrors(
  async (request: Request, context: { params: Promise<{ id: string }> }) => {
    const auth = await authenticateRequest(request, { isMutation: true });
    const id = parseOrThrow(ZNumericId, (await context.params).id);
    const body = parseOrThrow(ZUpdateUserBody, await readJsonBody(request, { emptyAs: {} }));
    return jsonResponse({ user: await updateUser(auth, id, body) });
  },
);
