import { expect, type Page, test } from "@playwright/test";
import { buildAlertmanagerPayload } from "../lib/scenarios/alertmanager-payload";
import {
  createIntegration,
  postAlertmanager,
  resolveOpenIncidents,
  waitForOpenIncident,
} from "./helpers";

/** CSP violations as Chromium reports them: console errors and securitypolicyviolation events. */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

async function watchViolationEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(
        `Content Security Policy event: ${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
}

test.beforeAll(async ({ request }) => {
  await resolveOpenIncidents(request);
});

test("robots.txt disallows everything and the favicon is served", async ({ request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
  const icon = await request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain("<svg");
});

test("pages carry a nonce CSP and the security headers; each response a fresh nonce", async ({
  request,
}) => {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/incidents");
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    // Next stamps this response's nonce on the scripts it renders.
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"]).toBeUndefined();
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("HSTS only when the request came over TLS, on Next's answers and the webhook server's", async ({
  request,
}) => {
  const overTls = { "x-forwarded-proto": "https" };
  const api = await request.get("/api/health", { headers: overTls });
  expect(api.headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");

  // faultline serve answers webhook posts itself, outside Next and its proxy.
  const webhook = await request.post("/api/webhooks/alertmanager", {
    data: "{}",
    headers: { ...overTls, "content-type": "application/json", authorization: "Bearer wrong" },
  });
  expect(webhook.status()).toBe(401);
  expect(webhook.headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);
  expect(webhook.headers()["x-content-type-options"]).toBe("nosniff");
  expect(webhook.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const plain = await request.post("/api/webhooks/alertmanager", {
    data: "{}",
    headers: { "content-type": "application/json", authorization: "Bearer wrong" },
  });
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
});

test("the incident page and its map, and the services map, run under the CSP without a violation", async ({
  page,
  request,
}) => {
  await watchViolationEvents(page);
  const violations = collectCspViolations(page);
  const token = await createIntegration(request, "alertmanager");
  const startsAt = new Date();
  const payload = buildAlertmanagerPayload(
    [
      {
        labels: { alertname: "CspCheckFailing", service: "order-service", severity: "critical" },
        startsAt,
      },
    ],
    { groupLabels: { alertname: "CspCheckFailing" } },
  );
  expect(await postAlertmanager(request, token, JSON.stringify(payload))).toBe(202);
  const incidentId = await waitForOpenIncident(request, "CspCheckFailing");

  await page.goto(`/incidents/${incidentId}`);
  await expect(page.getByTestId("blast-radius-map")).toHaveAttribute("data-ready", "true");
  await page.goto("/services");
  await expect(page.getByTestId("catalog-map")).toHaveAttribute("data-ready", "true");
  // Client-side navigation: the router's fetches and the scripts they load.
  await page.getByRole("link", { name: "Incidents" }).first().click();
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByText("CspCheckFailing").first()).toBeVisible();
  expect(violations).toEqual([]);

  const resolved = buildAlertmanagerPayload(
    [
      {
        labels: { alertname: "CspCheckFailing", service: "order-service", severity: "critical" },
        startsAt,
        status: "resolved",
      },
    ],
    { groupLabels: { alertname: "CspCheckFailing" } },
  );
  expect(await postAlertmanager(request, token, JSON.stringify(resolved))).toBe(202);
});
