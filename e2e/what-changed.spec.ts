import { expect, test } from "@playwright/test";
import { openIncidentAfterDeploy } from "./deploy-before-alert";
import { saveScreenshot } from "./helpers";

test("the deploy 4 min before the first alert shows under What changed and on the timeline", async ({
  page,
  request,
}, testInfo) => {
  const service = `deploy-e2e-${Date.now()}`;
  const incidentId = await openIncidentAfterDeploy(request, service);

  await page.goto(`/incidents/${incidentId}`);
  const changeList = page.getByTestId("changes");
  await expect(changeList).toContainText(`${service} deploy v42, 4 min before the first alert`);
  await expect(changeList).toContainText("3 files, by deploy-bot");
  await expect(changeList).not.toContainText("v41");
  await expect(page.getByTestId("timeline").locator('li[data-kind="change.deploy"]')).toContainText(
    `${service} deploy v42`,
  );
  const file = await saveScreenshot(page, "what-changed");
  await testInfo.attach("what-changed", { path: file, contentType: "image/png" });
});
