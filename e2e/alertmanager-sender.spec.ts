import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_BASE_URL } from "../playwright.config";
import { createIntegration, saveScreenshot } from "./helpers";

// Debian's real Prometheus Alertmanager sends its grouped notifications to the running app.
const ALERTMANAGER_PORT = 9193;
const ALERTMANAGER_URL = `http://127.0.0.1:${ALERTMANAGER_PORT}`;
let alertmanager: ChildProcess | undefined;
let workDir = "";

test.beforeAll(async ({ request }) => {
  const token = await createIntegration(request, "alertmanager");
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-e2e-alertmanager-"));
  fs.writeFileSync(
    path.join(workDir, "alertmanager.yml"),
    `route:
  receiver: faultline
  group_by: [service]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: faultline
    webhook_configs:
      - url: ${E2E_BASE_URL}/api/webhooks/alertmanager
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${token}
`,
  );
  alertmanager = spawn(
    "prometheus-alertmanager",
    [
      `--config.file=${path.join(workDir, "alertmanager.yml")}`,
      `--storage.path=${workDir}`,
      `--web.listen-address=127.0.0.1:${ALERTMANAGER_PORT}`,
      "--cluster.listen-address=",
    ],
    { stdio: "inherit" },
  );
  await expect(async () => {
    expect((await fetch(`${ALERTMANAGER_URL}/-/ready`)).ok).toBe(true);
  }).toPass({ timeout: 20_000 });
});

test.afterAll(async () => {
  alertmanager?.kill("SIGTERM");
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function pushToAlertmanager(alerts: object[]): Promise<void> {
  const response = await fetch(`${ALERTMANAGER_URL}/api/v2/alerts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(alerts),
  });
  expect(response.status).toBe(200);
}

const alert = (service: string, alertname: string, severity: string, endsAt?: string) => ({
  labels: { alertname, service, severity, namespace: "shop" },
  annotations: { summary: `${alertname} on ${service}` },
  ...(endsAt ? { endsAt } : {}),
});

test("Alertmanager's grouped notifications become topology-correlated incidents", async ({
  page,
}, testInfo) => {
  await page.goto("/incidents");
  // Three groups in Alertmanager (one per service); order-service and checkout-service depend on
  // each other's failure (checkout calls orders), search-index is unrelated.
  await pushToAlertmanager([
    alert("order-service", "AmHighErrorRate", "critical"),
    alert("order-service", "AmHighLatency", "warning"),
    alert("checkout-service", "AmCheckoutErrors", "critical"),
    alert("search-index", "AmDiskSpaceLow", "warning"),
  ]);

  // Whichever group Alertmanager delivers first names the incident.
  const orders = page
    .getByTestId("incident-row")
    .filter({ hasText: /on (order|checkout)-service/ });
  const search = page
    .getByTestId("incident-row")
    .filter({ hasText: "AmDiskSpaceLow on search-index" });
  await expect(orders).toHaveCount(1, { timeout: 20_000 });
  await expect(orders.getByTestId("alert-count")).toHaveText("3/3", { timeout: 20_000 });
  await expect(search.getByTestId("alert-count")).toHaveText("1/1");
  await expect(orders).toContainText("critical");

  // Resolving in Alertmanager resolves here too (send_resolved).
  await pushToAlertmanager([
    alert("search-index", "AmDiskSpaceLow", "warning", new Date().toISOString()),
  ]);
  await expect(search.getByTestId("alert-count")).toHaveText("0/1", { timeout: 20_000 });

  const file = await saveScreenshot(page, "alertmanager-incidents");
  await testInfo.attach("alertmanager-incidents", { path: file, contentType: "image/png" });

  await orders.getByRole("link").click();
  const names = page.getByTestId("alert-name");
  await expect(names).toHaveCount(3);
  await expect(page.getByTestId("alert-list")).toContainText("checkout-service");
});
