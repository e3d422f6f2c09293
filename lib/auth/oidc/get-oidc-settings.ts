import { type Env, getEnv } from "../../env";
import type { TOidcSettings } from "./schemas";

/** The OIDC settings from the environment; null unless issuer, client id and secret are all set. */
export function getOidcSettings(env: Env = getEnv()): TOidcSettings | null {
  const issuer = env.FAULTLINE_OIDC_ISSUER;
  const clientId = env.FAULTLINE_OIDC_CLIENT_ID;
  const clientSecret = env.FAULTLINE_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    roleClaim: env.FAULTLINE_OIDC_ROLE_CLAIM,
    roleMap: env.FAULTLINE_OIDC_ROLE_MAP,
    defaultRole: env.FAULTLINE_OIDC_DEFAULT_ROLE,
  };
}
