import { expect, test } from "@playwright/test";
import { E2E_BASE_URL } from "../playwright.config";
import { E2E_PASSWORD, E2E_USERS } from "./global-setup";
import {
  createIntegration,
  postAlertmanager,
  saveScreenshot,
  waitForOpenIncident,
} from "./helpers";
import { signInThroughLoginPage } from "./sign-in";

// Every test here signs in itself, through the login page.
test.use({ storageState: { cookies: [], origins: [] } });

async function openIncident(request: import("@playwright/test").APIRequestContext, name: string) {
  const token = await createIntegration(request, "alertmanager");
  const payload = {
    version: "4",
    status: "firing",
    receiver: "faultline",
    groupKey: `{}:{alertname="${name}"}`,
    groupLabels: { alertname: name },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: "http://alertmanager.test",
    alerts: [
      {
        status: "firing",
        labels: { alertname: name, service: `roles-${name.toLowerCase()}`, severity: "critical" },
        annotations: { summary: name },
        startsAt: new Date().toISOString(),
        endsAt: "0001-01-01T00:00:00Z",
        fingerprint: name,
      },
    ],
  };
  expect(await postAlertmanager(request, token, JSON.stringify(payload))).toBe(202);
}

test("a viewer sees no status buttons, and the API refuses the viewer's change", async ({
  page,
  request,
}, testInfo) => {
  await openIncident(request, "ViewerCheck");
  const incidentId = await waitForOpenIncident(request, "ViewerCheck");
  await signInThroughLoginPage(page, E2E_USERS.viewer, `/incidents/${incidentId}`);
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByTestId("status-controls")).toHaveCount(0);
  const answer = await page.evaluate(async (id) => {
    const response = await fetch(`/api/incidents/${id}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "resolved" }),
    });
    return { status: response.status, body: await response.json() };
  }, incidentId);
  expect(answer.status).toBe(403);
  expect(answer.body.error.message).toContain("responder role");
  await saveScreenshot(page, `viewer-read-only-${testInfo.project.name}`);
});

test("a responder acknowledges, and the timeline names the signed-in user", async ({
  page,
  request,
}, testInfo) => {
  await openIncident(request, "ResponderCheck");
  const incidentId = await waitForOpenIncident(request, "ResponderCheck");
  await signInThroughLoginPage(page, E2E_USERS.responder, `/incidents/${incidentId}`);
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("timeline")).toContainText(
    `Acknowledged by ${E2E_USERS.responder}`,
  );
  await saveScreenshot(page, `responder-acknowledged-${testInfo.project.name}`);
});

test("a wrong password says so, and a cross-site form post is refused", async ({
  page,
  request,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_USERS.viewer);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  const crossSite = await request.post("/api/auth/sign-in", {
    data: JSON.stringify({ email: E2E_USERS.viewer, password: E2E_PASSWORD }),
    headers: { "content-type": "text/plain", origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(415);
  expect(E2E_BASE_URL).toContain("localhost");
});

test("after sign-in the login page goes only to a path on this site", async ({ page }) => {
  // A browser reads "/\evil.example" as "//evil.example": another site.
  await page.goto(`/login?next=${encodeURIComponent("/\\evil.example")}`);
  await page.getByLabel("Email").fill(E2E_USERS.viewer);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/incidents`);
});
