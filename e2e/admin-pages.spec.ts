import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./global-setup";
import { saveScreenshot } from "./helpers";
import { signInThroughLoginPage } from "./sign-in";

test.use({ storageState: { cookies: [], origins: [] } });

test("an admin creates a user and a token (each secret shown once), revokes it, and finds it all in the audit log", async ({
  page,
}, testInfo) => {
  await signInThroughLoginPage(page, E2E_USERS.admin, "/admin/users");
  const email = `ops-${Date.now()}@e2e.test`;
  const createUser = page.getByTestId("create-user");
  await createUser.getByLabel("email").fill(email);
  await createUser.getByLabel("role").selectOption("responder");
  await createUser.getByRole("button").click();
  await expect(createUser.getByTestId("shown-once")).toContainText("will not be shown again");
  await expect(page.getByTestId("user-list")).toContainText(email);

  await page.goto("/admin/tokens");
  const createToken = page.getByTestId("create-token");
  await createToken.getByLabel("user's email").fill(email);
  await createToken.getByLabel("token name (ci-deploy)").fill("e2e-ci");
  await createToken.getByLabel("role").selectOption("viewer");
  await createToken.getByRole("button").click();
  const secret = (await createToken.getByTestId("shown-once").locator("code").textContent()) ?? "";
  expect(secret).toMatch(/^flt_/);
  const asToken = await page.request.get("/api/auth/me", {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(await asToken.json()).toMatchObject({ role: "viewer" });
  const row = page.getByTestId("token-list").getByRole("row").filter({ hasText: "e2e-ci" });
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  const revoked = await page.request.get("/api/auth/me", {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(revoked.status()).toBe(401);

  await page.goto("/admin/integrations");
  const createIntegration = page.getByTestId("create-integration");
  await createIntegration.getByLabel("kind").selectOption("alertmanager");
  await createIntegration.getByLabel("name (prod-alertmanager)").fill(`e2e-admin-${Date.now()}`);
  await createIntegration.getByRole("button").click();
  await expect(createIntegration.getByTestId("shown-once")).toContainText("flt_");

  await page.goto(`/admin/audit?actor=${encodeURIComponent(E2E_USERS.admin)}`);
  const audit = page.getByTestId("audit-list");
  for (const action of ["user.create", "token.create", "token.revoke", "integration.create"]) {
    await expect(audit).toContainText(action);
  }
  await page.goto("/admin/audit?action=token.revoke");
  await expect(audit.getByRole("row")).toHaveCount(2);
  await saveScreenshot(page, `admin-audit-${testInfo.project.name}`);
});

test("a responder does not see the admin pages", async ({ page }) => {
  await signInThroughLoginPage(page, E2E_USERS.responder, "/admin/users");
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
});
