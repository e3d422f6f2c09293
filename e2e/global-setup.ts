import fs from "node:fs";
import path from "node:path";
import { request } from "@playwright/test";
import { E2E_ADMIN_TOKEN, E2E_BASE_URL } from "../playwright.config";

export const E2E_PASSWORD = "e2e-password-correct-horse";
export const E2E_USERS = {
  responder: "responder@e2e.test",
  lead: "lead@e2e.test",
  viewer: "viewer@e2e.test",
  admin: "admin@e2e.test",
} as const;
export const RESPONDER_STATE = ".faultline/e2e-state/responder.json";

/**
 * Users for the specs, made through the admin API with the bootstrap token; every spec runs
 * signed in as the responder unless it says otherwise.
 */
export default async function globalSetup(): Promise<void> {
  const api = await request.newContext({
    baseURL: E2E_BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  });
  for (const [role, email] of Object.entries(E2E_USERS)) {
    const response = await api.post("/api/users", {
      data: { email, role, password: E2E_PASSWORD },
    });
    if (response.status() !== 201 && response.status() !== 409) {
      throw new Error(`creating ${email} answered ${response.status()}: ${await response.text()}`);
    }
  }
  await api.dispose();
  const browserless = await request.newContext({ baseURL: E2E_BASE_URL });
  const signIn = await browserless.post("/api/auth/sign-in", {
    data: { email: E2E_USERS.responder, password: E2E_PASSWORD },
    headers: { origin: E2E_BASE_URL },
  });
  if (signIn.status() !== 200) throw new Error(`signing in answered ${signIn.status()}`);
  fs.mkdirSync(path.dirname(RESPONDER_STATE), { recursive: true });
  await browserless.storageState({ path: RESPONDER_STATE });
  await browserless.dispose();
}
