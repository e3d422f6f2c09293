import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.FAULTLINE_E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;
export const E2E_ADMIN_TOKEN = "e2e-admin-token-0123456789";

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
  webServer: {
    // A fresh embedded database for every run.
    // A fresh embedded database with the demo shop's topology, for every run.
    command: `rm -rf .faultline/e2e && node bin/faultline.js seed && exec node bin/faultline.js serve --port ${PORT}`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      FAULTLINE_DATA_DIR: ".faultline/e2e",
      FAULTLINE_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      // Signing secrets (the PagerDuty spec's integration) are stored encrypted with it.
      FAULTLINE_SECRET_KEY: randomBytes(32).toString("base64"),
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
