import { expect, test } from "@playwright/test";
import { E2E_BASE_URL, E2E_OIDC_ISSUER } from "../playwright.config";

test("signs in through the OIDC provider and lands on the page asked for", async ({ page }) => {
  await page.goto("/api/auth/oidc/start?next=/incidents");

  // The provider's own login and consent pages.
  await expect(page).toHaveURL(new RegExp(`^${E2E_OIDC_ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill("oncall");
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(`${E2E_BASE_URL}/incidents`);
  const me = await page.request.get("/api/auth/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toEqual({
    actor: { label: "oncall@example.com", userId: expect.any(Number), via: "session" },
    role: "responder",
  });
});
