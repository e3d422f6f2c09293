import { expect, test } from "@playwright/test";

// Percent signs in a path segment used to reach decodeURIComponent and leave as a 500.
for (const path of [
  "/services/%25",
  "/services/%E0%A4%A",
  "/incidents/%25",
  "/api/services/%25",
  "/api/services/%E0%A4%A",
]) {
  test(`GET ${path} is a 404`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(404);
  });
}

test("a PagerDuty link with a percent sign says it knows no such incident", async ({ page }) => {
  const response = await page.goto("/incidents/pd/%25");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("pagerduty-not-found")).toBeVisible();
});
