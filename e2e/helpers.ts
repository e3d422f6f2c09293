import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";

const FIXTURES = path.join(import.meta.dirname, "..", "test", "fixtures");
export const SCREENSHOT_DIR = path.join(import.meta.dirname, "screenshots");

export function readFixture(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES, relativePath), "utf8");
}

export async function postAlertmanager(request: APIRequestContext, body: string): Promise<number> {
  const response = await request.post("/api/webhooks/alertmanager", {
    data: body,
    headers: { "content-type": "application/json" },
  });
  return response.status();
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
