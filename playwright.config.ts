import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.FAULTLINE_E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;
export const E2E_ADMIN_TOKEN = "e2e-admin-token-0123456789";
// A local OIDC provider (oidc-provider, see e2e/start-oidc-provider.ts) for single sign-on.
export const E2E_OIDC_PORT = Number(process.env.FAULTLINE_E2E_OIDC_PORT ?? 3101);
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
export const E2E_OIDC_CLIENT_ID = "faultline-e2e";
export const E2E_OIDC_CLIENT_SECRET = "e2e-oidc-client-secret";

// Runs against the production build (npm run build) in Debian's Chromium; never a downloaded browser.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // Users for the specs; each spec runs signed in as a responder unless it says otherwise.
  globalSetup: "./e2e/global-setup.ts",
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: E2E_BASE_URL,
    storageState: ".faultline/e2e-state/responder.json",
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    {
      command: "exec npx tsx e2e/start-oidc-provider.ts",
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A fresh embedded database with the demo shop's topology and a promoted root-cause model
      // trained on six simulated months, for every run.
      command: `rm -rf .faultline/e2e && node bin/faultline.js seed && node bin/faultline.js model simulate --months 6 && node bin/faultline.js model train && node bin/faultline.js model promote 1 && exec node bin/faultline.js serve --port ${PORT}`,
      url: `${E2E_BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        FAULTLINE_DATA_DIR: ".faultline/e2e",
        FAULTLINE_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
        // Seals session cookies and encrypts signing secrets (the PagerDuty spec's integration).
        FAULTLINE_SECRET_KEY: randomBytes(32).toString("base64"),
        FAULTLINE_OIDC_ISSUER: E2E_OIDC_ISSUER,
        FAULTLINE_OIDC_CLIENT_ID: E2E_OIDC_CLIENT_ID,
        FAULTLINE_OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT_SECRET,
        FAULTLINE_OIDC_ROLE_MAP: "sre=responder",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
      },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
