import * as client from "openid-client";
import { AppError } from "../../errors";
import { sealSession } from "../session-cookie";
import { describeOidcError } from "./describe-oidc-error";
import { getOidcConfiguration } from "./get-oidc-configuration";
import { getOidcSettings } from "./get-oidc-settings";
import { unsealLoginState } from "./login-cookie";
import { readOidcIdentity } from "./map-oidc-claims";
import { signInOidcUser, type TOidcUser } from "./sign-in-oidc-user";

export type TOidcCallback = {
  /** The callback URL as the browser requested it, with the provider's query. */
  callbackUrl: string;
  redirectUri: string;
  loginCookie: string | null;
  ip: string | null;
  userAgent: string | null;
};

/**
 * The provider's answer: checks state, exchanges the code (PKCE, nonce), reads the claims from
 * the ID token and userinfo, then signs the user in. Returns the session to set and where to go.
 */
export async function finishOidcSignIn(
  callback: TOidcCallback,
  now = new Date(),
): Promise<{ session: string; next: string; user: TOidcUser }> {
  const settings = getOidcSettings();
  if (!settings) throw new AppError("NOT_FOUND", "Single sign-on is not configured.");
  const login = await unsealLoginState(callback.loginCookie);
  if (!login) {
    throw new AppError(
      "BAD_REQUEST",
      "This sign-in has expired or was started in another browser; start it again.",
    );
  }
  let claims: Record<string, unknown>;
  try {
    const config = await getOidcConfiguration(settings);
    // The redirect URI sent to the token endpoint must be the registered one, even behind a proxy.
    const currentUrl = new URL(callback.redirectUri);
    currentUrl.search = new URL(callback.callbackUrl).search;
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new AppError("UNAUTHORIZED", "The identity provider sent no ID token.");
    // Many providers put email and groups only in userinfo when an access token is issued.
    const userInfo = config.serverMetadata().userinfo_endpoint
      ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      : {};
    claims = { ...idClaims, ...userInfo };
  } catch (error) {
    throw describeOidcError(error);
  }
  const user = await signInOidcUser(readOidcIdentity(claims, settings), callback, now);
  return {
    session: await sealSession({ userId: user.id, signedInAt: now.getTime() }),
    next: login.next,
    user,
  };
}
