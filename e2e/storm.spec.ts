import { expect, test } from "@playwright/test";
import { buildStormDeliveries } from "../lib/scenarios/order-service-storm";
import { createIntegration, resolveOpenIncidents, saveScreenshot } from "./helpers";

test.beforeAll(async ({ request }) => {
  await resolveOpenIncidents(request);
});

test("a 40-alert storm fills the live list as it arrives and ends as at most 3 incidents", async ({
  page,
  request,
}, testInfo) => {
  const token = await createIntegration(request, "alertmanager");
  await page.goto("/incidents");
  // Earlier specs may have left resolved incidents with the same title.
  const stormRow = page
    .getByTestId("incident-row")
    .filter({ hasText: /#\d+ HighErrorRate on order-service/ })
    .filter({ hasNotText: "resolved" });
  const openRows = page.getByTestId("incident-row").filter({ hasText: "triggered" });

  // Replay the storm 20x faster than it happened while watching the list, which never reloads.
  const seenCounts = new Set<string>();
  const deliveries = buildStormDeliveries(new Date());
  const started = Date.now();
  for (const delivery of deliveries) {
    const due = started + (delivery.atOffsetSeconds * 1000) / 20;
    if (due > Date.now()) await page.waitForTimeout(due - Date.now());
    const response = await request.post("/api/webhooks/alertmanager", {
      data: JSON.stringify(delivery.payload),
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    });
    expect(response.status()).toBe(202);
    if ((await stormRow.count()) === 1)
      seenCounts.add((await stormRow.getByTestId("alert-count").textContent()) ?? "");
  }

  await expect(stormRow.getByTestId("alert-count")).toHaveText("40/40", { timeout: 15_000 });
  // The counts grew in front of the responder: several different values were on screen.
  expect(seenCounts.size).toBeGreaterThanOrEqual(3);
  await expect(openRows).toHaveCount(3);
  await expect(
    page.getByTestId("incident-row").filter({ hasText: /#\d+ DiskSpaceLow on search-index/ }),
  ).toHaveCount(1);
  await expect(
    page
      .getByTestId("incident-row")
      .filter({ hasText: /#\d+ TLSCertificateExpiringSoon on load-balancer/ }),
  ).toHaveCount(1);
  const listShot = await saveScreenshot(page, "storm-incident-list");
  await testInfo.attach("storm-incident-list", { path: listShot, contentType: "image/png" });

  await stormRow.getByRole("link").click();
  await expect(page.getByTestId("alert-name")).toHaveCount(40);
  await expect(page.getByTestId("timeline")).toContainText(
    "PodCrashLooping fired on order-service",
  );
  const detailShot = await saveScreenshot(page, "storm-incident-detail");
  await testInfo.attach("storm-incident-detail", { path: detailShot, contentType: "image/png" });
});
