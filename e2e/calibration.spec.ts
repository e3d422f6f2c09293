import { expect, test } from "@playwright/test";
import type { TMetrics, TModelVersion } from "../lib/scoring/schemas";
import { E2E_USERS } from "./global-setup";
import { saveScreenshot } from "./helpers";
import { signInThroughLoginPage } from "./sign-in";

test.use({ storageState: { cookies: [], origins: [] } });

test("a lead's calibration page shows the promoted model's reliability diagram and figures, as the report says", async ({
  page,
}, testInfo) => {
  await signInThroughLoginPage(page, E2E_USERS.lead, "/calibration");
  const answer = await page.request.get("/api/models");
  expect(answer.status()).toBe(200);
  const { promoted } = (await answer.json()) as { promoted: TModelVersion };
  const calibrated: TMetrics = promoted.report.heldOut.calibrated;
  expect(calibrated.eceEqualWidth).toBeLessThanOrEqual(0.03);

  await expect(page.getByTestId("shown-version")).toHaveAttribute(
    "data-version",
    String(promoted.id),
  );
  const diagram = page.getByTestId("reliability-diagram").first();
  await expect(diagram).toBeVisible();
  const bins = diagram.getByTestId("reliability-bin");
  const expected = calibrated.reliability.filter((bin) => bin.count > 0);
  await expect(bins).toHaveCount(expected.length);
  for (const [index, bin] of expected.entries()) {
    await expect(bins.nth(index)).toHaveAttribute("data-count", String(bin.count));
    await expect(bins.nth(index)).toHaveAttribute("data-observed", bin.observedRate.toFixed(4));
  }
  const row = page.locator('[data-testid="metrics-table"] tr[data-forecaster="calibrated"]');
  await expect(row.locator('[data-metric="eceEqualWidth"]')).toHaveText(
    calibrated.eceEqualWidth.toFixed(4),
  );
  await expect(row.locator('[data-metric="brier"]')).toHaveText(calibrated.brier.toFixed(4));
  await expect(row.locator('[data-metric="top1"]')).toHaveText(
    `${(calibrated.top1 * 100).toFixed(1)}%`,
  );
  await expect(page.getByTestId("confidence-histogram")).toBeVisible();
  await expect(page.getByTestId("versions")).toContainText("promoted");
  const shot = await saveScreenshot(page, "calibration");
  await testInfo.attach("calibration", { path: shot, contentType: "image/png" });
});

test("a responder does not see the calibration page", async ({ page }) => {
  await signInThroughLoginPage(page, E2E_USERS.responder, "/calibration");
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
  await expect(page.getByRole("link", { name: "Calibration" })).toHaveCount(0);
});
