import { readJsonBody } from "@/lib/api/read-json-body";
import { assertSameOrigin } from "@/lib/auth/authenticate-request";
import { readClientIp } from "@/lib/auth/read-client-ip";
import { ZSignInBody } from "@/lib/auth/schemas";
import { isSecureRequest, serializeSessionCookie } from "@/lib/auth/session-cookie";
import { signIn } from "@/lib/auth/sign-in";
import { handleErrors, jsonResponse, parseOrThrow } from "@/lib/http";

// POST /api/auth/sign-in — {email, password}; sets the session cookie.
export const POST = handleErrors(async (request: Request) => {
  assertSameOrigin(request);
  const body = parseOrThrow(ZSignInBody, await readJsonBody(request, { emptyAs: {} }));
  const result = await signIn({
    ...body,
    ip: readClientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
  });
  return jsonResponse({ user: result.user }, 200, {
    "set-cookie": serializeSessionCookie(
      result.session,
      isSecureRequest(request.url, request.headers),
    ),
  });
});
