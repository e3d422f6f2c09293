import { getEnv } from "../../env";

export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";

/** The redirect URI to register at the provider: FAULTLINE_PUBLIC_URL's, else this request's origin. */
export function getRedirectUri(
  requestUrl: string,
  publicUrl = getEnv().FAULTLINE_PUBLIC_URL,
): string {
  const base = publicUrl ? publicUrl.replace(/\/+$/, "") : new URL(requestUrl).origin;
  return `${base}${OIDC_CALLBACK_PATH}`;
}
