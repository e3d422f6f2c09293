import { expect, type Page, test } from "@playwright/test";
import { buildAlertmanagerPayload } from "../lib/scenarios/alertmanager-payload";
import { E2E_ADMIN_TOKEN } from "../playwright.config";
import {
  createIntegration,
  postAlertmanager,
  resolveOpenIncidents,
  saveScreenshot,
  waitForOpenIncident,
} from "./helpers";

const SOURCE = "calm:e2e-large-map";
const MID_COUNT = 12;
const LEAVES_PER_MID = 24;

/** A CALM architecture whose root depends on 300 services: 12 in the middle, 288 below them. */
function largeArchitecture(withNodes: boolean) {
  const mids = Array.from({ length: MID_COUNT }, (_, i) => `lm-mid-${i}`);
  const leaves = Array.from({ length: MID_COUNT * LEAVES_PER_MID }, (_, i) => `lm-leaf-${i}`);
  const connects = (from: string, to: string) => ({
    "unique-id": `${from}-to-${to}`,
    "relationship-type": { connects: { source: { node: from }, destination: { node: to } } },
  });
  const relationships = [
    ...mids.map((mid) => connects("lm-root", mid)),
    ...leaves.map((leaf, i) => connects(mids[Math.floor(i / LEAVES_PER_MID)] ?? "", leaf)),
    // Each middle service also calls a few of its neighbour's leaves: crossing edges.
    ...leaves
      .filter((_, i) => i % LEAVES_PER_MID < 4)
      .map((leaf, i) => connects(mids[(Math.floor(i / 4) + 1) % MID_COUNT] ?? "", leaf)),
  ];
  const nodes = ["lm-root", ...mids, ...leaves].map((id) => ({
    "unique-id": id,
    "node-type": "service",
    name: id,
  }));
  return withNodes
    ? { "unique-id": "e2e-large-map", nodes, relationships }
    : { "unique-id": "e2e-large-map", nodes: [], relationships: [] };
}

async function importArchitecture(page: Page, withNodes: boolean): Promise<void> {
  const response = await page.request.post("/api/catalog/import", {
    data: {
      format: "calm",
      source: SOURCE,
      files: [{ name: "large.calm.json", text: JSON.stringify(largeArchitecture(withNodes)) }],
    },
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Whether the edge layer has paint a fraction `at` of the way along root → lm-mid-0 on screen. */
async function isEdgePainted(page: Page, at: number): Promise<boolean> {
  return page.evaluate((fraction) => {
    const cy = window.faultlineMap;
    const canvas = document.querySelector<HTMLCanvasElement>(".map-edge-layer");
    if (!cy || !canvas) throw new Error("no map or no edge layer");
    const from = cy
      .nodes()
      .filter((node) => node.data("slug") === "lm-root")[0]
      ?.renderedPosition();
    const to = cy
      .nodes()
      .filter((node) => node.data("slug") === "lm-mid-0")[0]
      ?.renderedPosition();
    if (!from || !to) throw new Error("root or lm-mid-0 is not on the map");
    const x = Math.round(from.x + (to.x - from.x) * fraction);
    const y = Math.round(from.y + (to.y - from.y) * fraction);
    const pixels = canvas.getContext("2d")?.getImageData(x - 2, y - 2, 5, 5).data ?? [];
    return Array.from(pixels).some((value, index) => index % 4 === 3 && value > 0);
  }, at);
}

test.afterAll(async ({ browser }) => {
  // Later specs find the shop as the seed left it.
  const page = await browser.newPage();
  await resolveOpenIncidents(page.request);
  await importArchitecture(page, false);
  await page.close();
});

test("a 300-service blast radius: every service on the map, edges drawn beneath and following the view", async ({
  page,
  request,
}, testInfo) => {
  await resolveOpenIncidents(request);
  await importArchitecture(page, true);
  const token = await createIntegration(request, "alertmanager");
  const payload = buildAlertmanagerPayload(
    [
      {
        labels: { alertname: "LargeMapDown", service: "lm-root", severity: "critical" },
        startsAt: new Date(),
        status: "firing",
      },
    ],
    { groupLabels: { alertname: "LargeMapDown" } },
  );
  expect(await postAlertmanager(request, token, JSON.stringify(payload))).toBe(202);
  const incidentId = await waitForOpenIncident(request, "LargeMapDown");

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/incidents/${incidentId}`);
  await expect(page.getByTestId("blast-radius-map")).toHaveAttribute("data-ready", "true");
  const model = await page.evaluate(() => ({
    nodes: window.faultlineMap?.nodes().length,
    cytoscapeEdges: window.faultlineMap?.edges().length,
    rootState: window.faultlineMap
      ?.nodes()
      .filter((node) => node.data("slug") === "lm-root")[0]
      ?.data("state"),
    zoom: window.faultlineMap?.zoom(),
  }));
  // At this size the edges are painted on their own canvas, not held by cytoscape.
  expect(model).toMatchObject({ nodes: 301, cytoscapeEdges: 0, rootState: "red" });
  // Fitted, the whole map is on screen at a zoom where services are still visible dots.
  expect(model.zoom).toBeGreaterThan(0.15);
  expect(await isEdgePainted(page, 0.4)).toBe(true);
  // …and only edges: the layer's corner, far from every service, is blank.
  expect(
    await page.evaluate(() =>
      Array.from(
        document
          .querySelector<HTMLCanvasElement>(".map-edge-layer")
          ?.getContext("2d")
          ?.getImageData(0, 0, 8, 8).data ?? [1],
      ).every((value) => value === 0),
    ),
  ).toBe(true);

  // Panned and zoomed, the edges are redrawn where their services now are.
  await page.evaluate(() => {
    const cy = window.faultlineMap;
    const root = cy?.nodes().filter((node) => node.data("slug") === "lm-root")[0];
    if (!cy || !root) throw new Error("no map");
    cy.zoom({ level: cy.zoom() * 2, renderedPosition: root.renderedPosition() });
    cy.panBy({ x: 60, y: 30 });
  });
  await expect.poll(() => isEdgePainted(page, 0.4)).toBe(true);
  expect(await isEdgePainted(page, 0.6)).toBe(true);

  const shot = await saveScreenshot(page, "large-map");
  await testInfo.attach("large-map", { path: shot, contentType: "image/png" });
});
