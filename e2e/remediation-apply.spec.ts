import { expect, test } from "@playwright/test";
import { openIncidentAfterDeploy } from "./deploy-before-alert";
import { saveScreenshot } from "./helpers";

test("a responder reviews the suggested rollback and its ConfigMap warning, confirms by keyboard, and the timeline shows the applied hash", async ({
  page,
  request,
}, testInfo) => {
  const service = `rollback-e2e-${Date.now()}`;
  const incidentId = await openIncidentAfterDeploy(request, service);
  await page.goto(`/incidents/${incidentId}`);

  const card = page.getByTestId("remediation").first();
  await expect(card).toContainText(`Roll back ${service} from v42 to v41`);
  const warning = card.locator('[data-testid="diff-warning"][data-code="not_reverted"]');
  await expect(warning).toContainText("ConfigMap");
  await expect(warning).toContainText("will NOT be reverted");
  const file = card.locator(
    '[data-testid="diff-file"][data-path="k8s/order-service/deployment.yaml"]',
  );
  await expect(
    file.locator('[data-kind="del"]').filter({ hasText: "timeoutSeconds: 2" }),
  ).toHaveCount(1);
  await expect(
    file.locator('[data-kind="add"]').filter({ hasText: "timeoutSeconds: 10" }),
  ).toHaveCount(1);
  await expect(card.getByTestId("diff-file")).toHaveCount(1);
  const hash = (await card.getByTestId("diff-hash").getAttribute("title")) ?? "";
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await card.getByRole("button", { name: "Side by side" }).click();
  await expect(card.getByRole("button", { name: "Side by side" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  const review = await saveScreenshot(page, "remediation-review");
  await testInfo.attach("remediation-review", { path: review, contentType: "image/png" });

  // Keyboard only from here: focus the button, open the dialog, confirm.
  await card.getByRole("button", { name: "Review and apply…" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByTestId("confirm-apply");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("k8s/order-service/deployment.yaml");
  await expect(dialog).toContainText("It does NOT change");
  await expect(dialog).toContainText(hash);
  const confirm = dialog.getByRole("button", { name: `Apply diff ${hash.slice(0, 12)}` });
  await expect(confirm).toBeFocused();
  const shot = await saveScreenshot(page, "remediation-confirm");
  await testInfo.attach("remediation-confirm", { path: shot, contentType: "image/png" });
  await page.keyboard.press("Enter");
  await expect(dialog.getByTestId("apply-result")).toContainText("Dry run: would write 1 file");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  const applied = page.getByTestId("timeline").locator('li[data-kind="remediation.applied"]');
  await expect(applied).toContainText(`Roll back ${service} from v42 to v41`);
  await expect(applied).toContainText(hash.slice(0, 12));
  await expect(card.getByTestId("apply-history")).toContainText("dry-run");
  await expect(card.getByRole("button", { name: "Review and apply…" })).toHaveCount(0);
  const done = await saveScreenshot(page, "remediation-applied");
  await testInfo.attach("remediation-applied", { path: done, contentType: "image/png" });

  // Deliberately wider: the ConfigMap added, as a rollback of its own with its own diff.
  await warning.getByRole("button", { name: "Add it to a rollback" }).click();
  const wider = page.locator('[data-testid="remediation"][data-origin="manual"]');
  await expect(wider.getByTestId("diff-file")).toHaveCount(2);
  await expect(wider.locator('[data-testid="diff-warning"][data-code="included"]')).toContainText(
    "ConfigMap",
  );
  await expect(
    wider.locator('[data-kind="add"]').filter({ hasText: 'PAYMENT_TIMEOUT_MS: "3000"' }),
  ).toHaveCount(1);
  expect(await wider.getByTestId("diff-hash").getAttribute("title")).not.toBe(hash);
});

test("a responder starts a remediation by hand: a scale previewed with its diff, a bad flag named", async ({
  page,
  request,
}) => {
  const service = `by-hand-e2e-${Date.now()}`;
  const incidentId = await openIncidentAfterDeploy(request, service);
  await page.goto(`/incidents/${incidentId}`);
  const form = page.getByTestId("start-remediation");
  await form.getByText("Start a remediation by hand").click();
  await form.getByLabel("Kind").selectOption("scale");
  await expect(form.getByLabel("Service")).toHaveValue(service);
  await form.getByLabel("Workload").fill("order-service");
  await form.getByLabel("Replicas").fill("5");
  await form.getByRole("button", { name: "Preview" }).click();
  const card = page.locator('[data-testid="remediation"][data-origin="manual"]');
  await expect(card).toContainText(`Scale order-service on ${service} to 5 replicas`);
  await expect(card.locator('[data-kind="add"]').filter({ hasText: "replicas: 5" })).toHaveCount(1);

  await form.getByLabel("Kind").selectOption("toggle");
  await form.getByLabel("Flag").fill("no-such-flag");
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByRole("alert")).toContainText('Flag "no-such-flag" was not found');
});
