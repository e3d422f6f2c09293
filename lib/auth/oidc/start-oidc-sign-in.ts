import * as client from "openid-client";
import { AppError } from "../../errors";
import { getOidcConfiguration } from "./get-oidc-configuration";
import { getOidcSettings } from "./get-oidc-settings";
import { sealLoginState } from "./login-cookie";

export const OIDC_SCOPES = "openid email profile";

/**
 * Where to send the browser to sign in (authorization code flow with PKCE, state and nonce), and
 * the sealed login cookie that lets the callback check what comes back.
 */
export async function startOidcSignIn(input: {
  next: string;
  redirectUri: string;
}): Promise<{ authorizationUrl: string; loginCookie: string }> {
  const settings = getOidcSettings();
  if (!settings) {
    throw new AppError(
      "NOT_FOUND",
      "Single sign-on is not configured: set FAULTLINE_OIDC_ISSUER, FAULTLINE_OIDC_CLIENT_ID and FAULTLINE_OIDC_CLIENT_SECRET.",
    );
  }
  const config = await getOidcConfiguration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const loginCookie = await sealLoginState({ codeVerifier, state, nonce, next: input.next });
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: scopesFor(settings.roleClaim, config),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { authorizationUrl: authorizationUrl.href, loginCookie };
}

// Providers that publish a scope named after the role claim ("groups") release it only when asked.
function scopesFor(roleClaim: string, config: client.Configuration): string {
  const supported = config.serverMetadata().scopes_supported ?? [];
  return supported.includes(roleClaim) ? `${OIDC_SCOPES} ${roleClaim}` : OIDC_SCOPES;
}
