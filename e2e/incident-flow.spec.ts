import { expect, test } from "@playwright/test";
import { createIntegration, postAlertmanager, readFixture, saveScreenshot } from "./helpers";

test("an Alertmanager delivery becomes an incident a responder can open", async ({
  page,
  request,
}, testInfo) => {
  // The responder already has the list open when the alerts arrive: it must update by itself.
  await page.goto("/incidents");
  const token = await createIntegration(request, "alertmanager");
  const fixture = readFixture("webhooks/alertmanager/firing_12_alerts.json");
  expect(await postAlertmanager(request, token, fixture)).toBe(202);

  const row = page
    .getByTestId("incident-row")
    // No label names a service: the alerts' Alertmanager group has one of its own.
    .filter({ hasText: /high_memory_load on group-[0-9a-f]{8}/ });
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText("triggered");
  await expect(row).toContainText("12/12");

  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  const names = page.getByTestId("alert-name");
  await expect(names).toHaveCount(12);
  for (const index of [1, 2, 7, 12]) {
    const name = index === 1 ? "high_memory_load" : `high_memory_load${index}`;
    await expect(names.filter({ hasText: new RegExp(`^${name}$`) })).toHaveCount(1);
  }
  await expect(page.getByTestId("timeline")).toContainText("Incident opened by high_memory_load");

  const file = await saveScreenshot(page, "incident-detail");
  await testInfo.attach("incident-detail", { path: file, contentType: "image/png" });
});
