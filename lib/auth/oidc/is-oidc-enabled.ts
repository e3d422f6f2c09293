import { type Env, getEnv } from "../../env";
import { getOidcSettings } from "./get-oidc-settings";

/** Whether to offer "Sign in with single sign-on" (a link to /api/auth/oidc/start). */
export function isOidcEnabled(env: Env = getEnv()): boolean {
  return getOidcSettings(env) !== null;
}
