import { expect, test } from "@playwright/test";
import { openIncidentAfterDeploy } from "./deploy-before-alert";
import { saveScreenshot } from "./helpers";

test("the incident page ranks the deploy first with its calibrated %, and the responder confirms it as the root cause", async ({
  page,
  request,
}, testInfo) => {
  const service = `cause-e2e-${Date.now()}`;
  const incidentId = await openIncidentAfterDeploy(request, service);
  await page.goto(`/incidents/${incidentId}`);

  const top = page.getByTestId("hypothesis").first();
  await expect(top).toContainText(`${service} deploy v42`);
  await expect(top.getByTestId("hypothesis-probability")).toHaveText(/^\d{1,3}%$/);
  await expect(top).toContainText("deploy 4 min before first alert");
  await expect(page.getByTestId("confidence-note")).toBeVisible();
  await expect(top.getByRole("link", { name: /Roll back .* to v41/ })).toBeVisible();
  const shot = await saveScreenshot(page, "hypotheses");
  await testInfo.attach("hypotheses", { path: shot, contentType: "image/png" });

  const confirm = page.getByTestId("confirm-root-cause");
  await confirm.getByRole("radio", { name: `${service} deploy v42` }).check();
  await confirm.getByRole("button", { name: "Confirm root cause" }).click();
  await expect(confirm.getByRole("status")).toHaveText("Recorded.");
  await expect(
    page.getByTestId("timeline").locator('li[data-kind="root_cause.confirmed"]'),
  ).toContainText(`${service} deploy v42`);
});
