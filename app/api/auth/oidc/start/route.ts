import { getRedirectUri } from "@/lib/auth/oidc/get-redirect-uri";
import { serializeLoginCookie } from "@/lib/auth/oidc/login-cookie";
import { ZOidcStartQuery } from "@/lib/auth/oidc/schemas";
import { startOidcSignIn } from "@/lib/auth/oidc/start-oidc-sign-in";
import { isSecureRequest } from "@/lib/auth/session-cookie";
import { handleErrors, parseOrThrow } from "@/lib/http";

// GET /api/auth/oidc/start?next=/incidents/3 — sends the browser to the identity provider.
export const GET = handleErrors(async (request: Request) => {
  const query = parseOrThrow(
    ZOidcStartQuery,
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const { authorizationUrl, loginCookie } = await startOidcSignIn({
    next: query.next,
    redirectUri: getRedirectUri(request.url),
  });
  return new Response(null, {
    status: 302,
    headers: {
      location: authorizationUrl,
      "cache-control": "no-store",
      "set-cookie": serializeLoginCookie(
        loginCookie,
        isSecureRequest(request.url, request.headers),
      ),
    },
  });
});
