import { expect, type Page } from "@playwright/test";
import { E2E_PASSWORD } from "./global-setup";

/** Opens `next`, is sent to the login page, signs in as `email`, and lands back on `next`. */
export async function signInThroughLoginPage(page: Page, email: string, next: string) {
  await page.goto(next);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
  await expect(page.getByTestId("whoami")).toContainText(email);
}
