import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "../playwright.config";

const FIXTURES = path.join(import.meta.dirname, "..", "test", "fixtures");
export const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");

// Helpers act as the bootstrap admin, whatever the spec's browser is signed in as.
const ADMIN = { authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

export function readFixture(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES, relativePath), "utf8");
}

/** Creates an integration through the admin API and returns its secret. */
export async function createIntegration(request: APIRequestContext, kind: string): Promise<string> {
  const response = await request.post("/api/integrations", {
    data: { kind, name: `e2e-${kind}-${Date.now()}` },
    headers: ADMIN,
  });
  if (response.status() !== 201)
    throw new Error(`creating an integration answered ${response.status()}`);
  return (await response.json()).secret;
}

export async function postAlertmanager(
  request: APIRequestContext,
  token: string,
  body: string,
): Promise<number> {
  const response = await request.post("/api/webhooks/alertmanager", {
    data: body,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  });
  return response.status();
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits for correlation to open an incident whose title starts with `titlePrefix`; its id. */
export async function waitForOpenIncident(
  request: APIRequestContext,
  titlePrefix: string,
): Promise<number> {
  let incidentId = 0;
  await expect
    .poll(async () => {
      const { incidents } = await (
        await request.get("/api/incidents?status=open", { headers: ADMIN })
      ).json();
      incidentId =
        incidents.find((incident: { title: string }) => incident.title.startsWith(titlePrefix))
          ?.id ?? 0;
      return incidentId;
    })
    .toBeGreaterThan(0);
  return incidentId;
}

/** Start from a quiet board: what earlier specs left open is resolved, as a responder would. */
export async function resolveOpenIncidents(request: APIRequestContext): Promise<void> {
  const { incidents } = await (
    await request.get("/api/incidents?status=open", { headers: ADMIN })
  ).json();
  for (const incident of incidents as { id: number }[]) {
    await request.post(`/api/incidents/${incident.id}/status`, {
      data: { status: "resolved" },
      headers: ADMIN,
    });
  }
}
