import { finishOidcSignIn } from "@/lib/auth/oidc/finish-oidc-sign-in";
import { getRedirectUri } from "@/lib/auth/oidc/get-redirect-uri";
import { OIDC_LOGIN_COOKIE, serializeLoginCookie } from "@/lib/auth/oidc/login-cookie";
import { readClientIp } from "@/lib/auth/read-client-ip";
import { isSecureRequest, readCookie, serializeSessionCookie } from "@/lib/auth/session-cookie";
import { handleErrors } from "@/lib/http";

// GET /api/auth/oidc/callback — the provider's answer: sets the session cookie, goes to `next`.
export const GET = handleErrors(async (request: Request) => {
  const result = await finishOidcSignIn({
    callbackUrl: request.url,
    redirectUri: getRedirectUri(request.url),
    loginCookie: readCookie(request.headers.get("cookie"), OIDC_LOGIN_COOKIE),
    ip: readClientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
  });
  const isSecure = isSecureRequest(request.url, request.headers);
  const headers = new Headers({ location: result.next, "cache-control": "no-store" });
  headers.append("set-cookie", serializeSessionCookie(result.session, isSecure));
  headers.append("set-cookie", serializeLoginCookie(null, isSecure));
  return new Response(null, { status: 302, headers });
});
