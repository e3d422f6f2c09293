import { sealValue, serializeCookie, unsealValue } from "../session-cookie";
import { type TOidcLoginState, ZOidcLoginState } from "./schemas";

export const OIDC_LOGIN_COOKIE = "faultline_oidc_login";

// Long enough to type a password and pass a second factor at the provider, short enough that a
// stolen cookie is soon useless; it is only sent to /api/auth/oidc.
const LOGIN_TTL_SECONDS = 10 * 60;
const PURPOSE = "faultline oidc login";

export function sealLoginState(state: TOidcLoginState): Promise<string> {
  return sealValue(state, PURPOSE, LOGIN_TTL_SECONDS);
}

/** The login state from the cookie; null when missing, forged or expired. */
export async function unsealLoginState(sealed: string | null): Promise<TOidcLoginState | null> {
  return (
    ZOidcLoginState.safeParse(await unsealValue(sealed, PURPOSE, LOGIN_TTL_SECONDS)).data ?? null
  );
}

/** The login cookie's Set-Cookie header; with null, the header that clears it. */
export function serializeLoginCookie(sealed: string | null, isSecure: boolean): string {
  return serializeCookie(OIDC_LOGIN_COOKIE, sealed ?? "", {
    path: "/api/auth/oidc",
    maxAgeSeconds: sealed ? LOGIN_TTL_SECONDS : 0,
    isSecure,
  });
}
