import { expect, test } from "@playwright/test";
import { buildAlertmanagerPayload } from "../lib/scenarios/alertmanager-payload";
import { buildOrderServiceRelease } from "../lib/scenarios/order-service-release";
import {
  createIntegration,
  postAlertmanager,
  saveScreenshot,
  waitForOpenIncident,
} from "./helpers";

test("the deploy 4 min before the first alert shows under What changed and on the timeline", async ({
  page,
  request,
}, testInfo) => {
  const service = `deploy-e2e-${Date.now()}`;
  const now = Date.now();
  const changes = await createIntegration(request, "changes");
  for (const [version, minutesAgo] of [
    ["v41", 3 * 24 * 60],
    ["v42", 4],
  ] as const) {
    const response = await request.post("/api/changes", {
      headers: { authorization: `Bearer ${changes}` },
      data: {
        service,
        kind: "deploy",
        version,
        author: "deploy-bot",
        at: new Date(now - minutesAgo * 60_000).toISOString(),
        files: buildOrderServiceRelease(version),
      },
    });
    expect(response.status()).toBe(201);
  }
  const alerts = await createIntegration(request, "alertmanager");
  const payload = buildAlertmanagerPayload(
    [
      {
        labels: { alertname: "HighErrorRate", service, severity: "critical" },
        annotations: { summary: "5xx ratio 18% on POST /orders" },
        startsAt: new Date(now),
      },
    ],
    { groupLabels: { service } },
  );
  expect(await postAlertmanager(request, alerts, JSON.stringify(payload))).toBe(202);
  const incidentId = await waitForOpenIncident(request, `HighErrorRate on ${service}`);

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
