import {
  E2E_BASE_URL,
  E2E_OIDC_CLIENT_ID,
  E2E_OIDC_CLIENT_SECRET,
  E2E_OIDC_PORT,
} from "../playwright.config";
import { startTestOidcProvider } from "../test/helpers/oidc-provider";

// The identity provider the e2e app signs in through (Playwright starts it before the app).
const provider = await startTestOidcProvider({
  port: E2E_OIDC_PORT,
  clientId: E2E_OIDC_CLIENT_ID,
  clientSecret: E2E_OIDC_CLIENT_SECRET,
  redirectUris: [`${E2E_BASE_URL}/api/auth/oidc/callback`],
  accounts: [{ id: "oncall", email: "oncall@example.com", name: "On Call", groups: ["sre"] }],
});
console.log(`test OIDC provider at ${provider.issuer}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void provider.close().finally(() => process.exit(0)));
}
