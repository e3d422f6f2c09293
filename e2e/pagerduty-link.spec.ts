import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "../playwright.config";
import { readFixture } from "./helpers";

test("the link a responder clicks in PagerDuty opens our incident", async ({ page, request }) => {
  const secret = "e2e-pagerduty-signing-secret";
  const created = await request.post("/api/integrations", {
    data: { kind: "pagerduty", name: `e2e-pagerduty-${Date.now()}`, secret },
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  });
  expect(created.status()).toBe(201);

  const body = readFixture("webhooks/pagerduty-v3/incident_triggered.json");
  const signature = createHmac("sha256", secret).update(body).digest("hex");
  const response = await request.post("/api/webhooks/pagerduty", {
    data: body,
    headers: { "content-type": "application/json", "x-pagerduty-signature": `v1=${signature}` },
  });
  expect(response.status()).toBe(202);

  // Correlation follows the acknowledgement within moments.
  await expect(async () => {
    await page.goto("/incidents/pd/PFQZPSY");
    await expect(page).toHaveURL(/\/incidents\/\d+$/, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Test Incident 3 on pig208");
  await expect(page.locator(".facts")).toContainText("PagerDuty PFQZPSY");

  await page.goto("/incidents/pd/PNOSUCH1");
  await expect(page.getByTestId("pagerduty-not-found")).toContainText(
    "No incident for PagerDuty incident PNOSUCH1",
  );
});
