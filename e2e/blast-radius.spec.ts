import { expect, type Page, test } from "@playwright/test";
import { STATE_COLOURS } from "../app/incidents/[id]/map/map-style";
import {
  buildAlertmanagerPayload,
  type ScenarioAlert,
} from "../lib/scenarios/alertmanager-payload";
import {
  createIntegration,
  postAlertmanager,
  resolveOpenIncidents,
  saveScreenshot,
  waitForOpenIncident,
} from "./helpers";

type MapNode = { slug: string; state: string; colour: string; isOrigin: boolean };

/** Node states and drawn colours as cytoscape's model in the page has them. */
async function readMap(page: Page): Promise<Record<string, MapNode>> {
  return page.evaluate(() => {
    const cy = window.faultlineMap;
    if (!cy) throw new Error("the map is not drawn");
    return Object.fromEntries(
      cy.nodes().map((node) => [
        node.data("slug"),
        {
          slug: node.data("slug"),
          state: node.data("state"),
          colour: node.style("background-color"),
          isOrigin: node.hasClass("origin"),
        },
      ]),
    );
  });
}

/** Cytoscape reports colours as rgb(); the style sheet has hex. */
function rgbOf(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  return `rgb(${r},${g},${b})`;
}

const sameFailure = (service: string, status: "firing" | "resolved", startsAt: Date) => ({
  // Its own label keeps these alerts apart from the storm spec's (same names, same services).
  labels: { alertname: "HighErrorRate", service, severity: "critical", scenario: "shared-gateway" },
  annotations: { summary: `5xx ratio above 5% on ${service}` },
  startsAt,
  status,
});

test.beforeAll(async ({ request }) => {
  await resolveOpenIncidents(request);
});

test("order-service, inventory-service and web-frontend failing together: a red map, the shared gateway as common cause, live updates", async ({
  page,
  request,
}, testInfo) => {
  const token = await createIntegration(request, "alertmanager");
  const startsAt = new Date();
  const fire = (alerts: ScenarioAlert[]) =>
    postAlertmanager(
      request,
      token,
      JSON.stringify(
        buildAlertmanagerPayload(alerts, { groupLabels: { alertname: "HighErrorRate" } }),
      ),
    );
  const services = ["order-service", "inventory-service", "web-frontend"];
  expect(await fire(services.map((service) => sameFailure(service, "firing", startsAt)))).toBe(202);

  const incidentId = await waitForOpenIncident(request, "HighErrorRate");

  // Before any script runs, the HTML itself holds the coloured picture of the map.
  const html = await (await request.get(`/incidents/${incidentId}`)).text();
  expect(html).toContain('data-testid="map-preview"');
  for (const slug of services) expect(html).toContain(`data-slug="${slug}" data-state="red"`);

  await page.goto(`/incidents/${incidentId}`);
  await expect(page.getByTestId("blast-radius-map")).toHaveAttribute("data-ready", "true");
  // …and the interactive map replaces it once drawn.
  await expect(page.getByTestId("map-preview")).toHaveCount(0);
  const map = await readMap(page);
  for (const slug of services) {
    expect(map[slug], slug).toMatchObject({ state: "red", colour: rgbOf(STATE_COLOURS.red) });
  }
  expect(Object.values(map).filter((node) => node.isOrigin)).toHaveLength(1);
  expect(map["payments-db"] ?? map["orders-db"]).toMatchObject({
    state: "gray",
    colour: rgbOf(STATE_COLOURS.gray),
  });
  await expect(page.getByTestId("verdict")).toContainText(/Spreading: \d+ services, \d+ tier-1/);
  await expect(page.getByTestId("legend")).toContainText("red");
  await expect(page.getByTestId("common-cause").locator("li").first()).toContainText(
    /api-gateway-[12]/,
  );
  await expect(page.getByTestId("impacted-flows")).toContainText("Checkout");

  // Pointing at a service opens its side panel, with the failure modes its alerts match.
  // Sections above the map fill in as their data arrives: aim again until the pointer lands.
  const panel = page.getByTestId("service-panel");
  await expect(async () => {
    await page.getByTestId("blast-radius-map").scrollIntoViewIfNeeded();
    const point = await page.evaluate(() => {
      const node = window.faultlineMap?.nodes().filter((n) => n.data("slug") === "order-service");
      const box = document
        .querySelector('[data-testid="blast-radius-map"]')
        ?.getBoundingClientRect();
      const at = node?.renderedPosition();
      return at && box ? { x: box.x + at.x, y: box.y + at.y } : null;
    });
    expect(point).not.toBeNull();
    await page.mouse.move(0, 0);
    await page.mouse.move(point?.x ?? 0, point?.y ?? 0);
    await expect(panel).toContainText("orders-team", { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(panel).toContainText("#oncall-orders");
  await expect(panel.getByTestId("failure-mode").first()).toBeVisible();
  const shot = await saveScreenshot(page, "blast-radius-map");
  await testInfo.attach("blast-radius-map", { path: shot, contentType: "image/png" });

  // web-frontend recovers: its node turns from red without a reload.
  expect(await fire([sameFailure("web-frontend", "resolved", startsAt)])).toBe(202);
  await expect
    .poll(async () => (await readMap(page))["web-frontend"]?.state, { timeout: 10_000 })
    .not.toBe("red");

  // The others recover too, leaving a quiet shop for the next spec.
  expect(await fire(services.map((service) => sameFailure(service, "resolved", startsAt)))).toBe(
    202,
  );
});

test("the services page shows the whole graph, searches it, and opens a service", async ({
  page,
}, testInfo) => {
  await page.goto("/services");
  await expect(page.getByTestId("catalog-map")).toHaveAttribute("data-ready", "true");
  expect(
    await page.evaluate(() => window.faultlineCatalogMap?.nodes().length),
  ).toBeGreaterThanOrEqual(25);
  await expect(page.getByTestId("service-row")).toHaveCount(25);
  const shot = await saveScreenshot(page, "services");
  await testInfo.attach("services", { path: shot, contentType: "image/png" });

  await page.getByLabel("Search services").fill("payment");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("service-row").first()).toContainText("payment");
  const rows = await page.getByTestId("service-row").count();
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(25);

  await page.getByTestId("service-row").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/services\/payment/);
  await expect(page.getByTestId("service-facts")).toContainText("owner payments-team");
  await expect(page.getByTestId("service-details")).toContainText("Runbook");
  await saveScreenshot(page, "service-page");
});
