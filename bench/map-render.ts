// The blast-radius map as a responder sees it, in Chromium (Debian's /usr/bin/chromium driven by
// Playwright), against the production build on the embedded database. Needs `npm run build`.
//   1. alert → map: an alert is posted to the Alertmanager webhook; the clock stops when its
//      incident page (opened in a fresh browser context, as from a PagerDuty link) has drawn the
//      map with the origin red. Target ≤ 2 s.
//   2. live: with the page open, a neighbour's alert is posted; the clock stops when that node
//      turns red without a reload.
//   3. 300 nodes: an incident on a generated catalog whose blast radius has ~300 services; times
//      from navigation start to the server-rendered picture and to the interactive map, and the
//      map's own render (hydrated page has the data → cytoscape drawn). Target ≤ 1 s.
//   4. the /services map of the whole catalog (the shop plus the generated services).
//   npx tsx bench/map-render.ts [--rounds 10]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Browser, chromium, type Page } from "@playwright/test";
import { applyCatalogSnapshot } from "../lib/catalog/apply-catalog-snapshot";
import type { CatalogSnapshot } from "../lib/catalog/schemas";
import { closeDb, openDatabase, setDb } from "../lib/db";
import { buildServiceGraph } from "../lib/graph/build-service-graph";
import { generateServiceGraph } from "../lib/graph/generate-service-graph";
import { listTracedServiceIds } from "../lib/graph/list-traced-services";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { buildAlertmanagerPayload } from "../lib/scenarios/alertmanager-payload";
import { createIntegrationViaApi, startAppServer } from "../scripts/lib/app-server";
import { seedDemoCatalog } from "../scripts/lib/seed-demo-catalog";
import { BENCH_ADMIN_TOKEN, formatMs, percentile } from "./lib/server";

const ADMIN = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };

const { values } = parseArgs({ options: { rounds: { type: "string", default: "10" } } });
const ROUNDS = Number(values.rounds);
const ONLY = process.env.MAP_BENCH_ONLY;
const PORT = 3290;
const TARGET_NODES = 300;
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

function log(message: string): void {
  console.log(`[map-render] ${message}`);
}

function summarize(label: string, samples: number[], target?: number): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const verdict =
    target === undefined
      ? ""
      : p95 <= target
        ? `  (target ≤ ${target} ms: met)`
        : `  (target ≤ ${target} ms: NOT met)`;
  console.log(
    `${label.padEnd(56)} n=${sorted.length}  p50 ${formatMs(percentile(sorted, 50))}  ` +
      `p95 ${formatMs(p95)}  max ${formatMs(sorted.at(-1) ?? Number.NaN)}${verdict}`,
  );
}

/** A generated catalog with one service whose blast radius is just over TARGET_NODES. */
function generatedCatalog(): { snapshot: CatalogSnapshot; origin: string; tracedCount: number } {
  const generated = generateServiceGraph({ services: 620, edges: 3100, seed: 7 });
  const graph = buildServiceGraph(generated.services, generated.edges);
  const traced = generated.services
    .map((service) => ({
      slug: service.slug,
      count: listTracedServiceIds(graph, [service.id]).length,
    }))
    .filter((candidate) => candidate.count >= TARGET_NODES)
    .sort((a, b) => a.count - b.count)[0];
  if (!traced)
    throw new Error(`no service in the generated catalog reaches ${TARGET_NODES} others`);
  const slugOf = new Map(generated.services.map((service) => [service.id, service.slug]));
  return {
    origin: traced.slug,
    tracedCount: traced.count,
    snapshot: {
      source: "bench:generated",
      services: generated.services.map(({ slug, name, tier }) => ({ slug, name, tier })),
      dependencies: generated.edges.map((edge) => ({
        from: slugOf.get(edge.from) ?? "",
        to: slugOf.get(edge.to) ?? "",
        kind: edge.kind,
        criticality: edge.criticality,
      })),
      flows: [],
    },
  };
}

async function seed(dataDir: string, snapshot: CatalogSnapshot): Promise<void> {
  // The server reads FAULTLINE_DATA_DIR and keeps its database in the db/ folder under it.
  const db = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "db") });
  setDb(db);
  try {
    await applyMigrations(db);
    await seedDemoCatalog();
    await applyCatalogSnapshot(snapshot);
  } finally {
    await closeDb();
  }
}

type Api = { baseUrl: string; alertmanagerToken: string };

async function fire(
  api: Api,
  service: string,
  alertname: string,
  status: "firing" | "resolved" = "firing",
  startsAt = new Date(),
): Promise<void> {
  const payload = buildAlertmanagerPayload(
    [{ labels: { alertname, service, severity: "critical" }, startsAt, status }],
    { groupLabels: { alertname } },
  );
  const response = await fetch(`${api.baseUrl}/api/webhooks/alertmanager`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${api.alertmanagerToken}`,
    },
    body: JSON.stringify(payload),
  });
  if (response.status !== 202) throw new Error(`the webhook answered ${response.status}`);
}

/** Polls the incident list the way a PagerDuty link's target would be known: by its title. */
async function findIncident(api: Api, alertname: string): Promise<number> {
  for (;;) {
    const response = await fetch(`${api.baseUrl}/api/incidents?status=open`, { headers: ADMIN });
    const { incidents } = (await response.json()) as { incidents: { id: number; title: string }[] };
    const found = incidents.find((incident) => incident.title.startsWith(`${alertname} `));
    if (found) return found.id;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function resolveOpenIncidents(api: Api): Promise<void> {
  const response = await fetch(`${api.baseUrl}/api/incidents?status=open`, { headers: ADMIN });
  const { incidents } = (await response.json()) as { incidents: { id: number }[] };
  for (const incident of incidents) {
    await fetch(`${api.baseUrl}/api/incidents/${incident.id}/status`, {
      method: "POST",
      headers: { "content-type": "application/json", ...ADMIN },
      body: JSON.stringify({ status: "resolved" }),
    });
  }
}

const waitForRedNode = (page: Page, slug: string) =>
  page.waitForFunction(
    (target) =>
      window.faultlineMap
        ?.nodes()
        .some((node) => node.data("slug") === target && node.data("state") === "red") ?? false,
    slug,
    { timeout: 30_000, polling: "raf" },
  );

async function measureAlertToMap(browser: Browser, api: Api): Promise<void> {
  const totals: number[] = [];
  const live: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    await resolveOpenIncidents(api);
    const alertname = `BenchPaymentErrors${round}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const startsAt = new Date();
    const started = performance.now();
    await fire(api, "payment-service", alertname, "firing", startsAt);
    const incidentId = await findIncident(api, alertname);
    await page.goto(`${api.baseUrl}/incidents/${incidentId}`);
    await waitForRedNode(page, "payment-service");
    const total = performance.now() - started;

    // With the page open, a dependency starts failing: how long until its node turns red?
    const liveStarted = performance.now();
    await fire(api, "payment-provider", alertname, "firing", startsAt);
    await waitForRedNode(page, "payment-provider").catch(async (error) => {
      const radius = await (
        await fetch(`${api.baseUrl}/api/incidents/${incidentId}/blast-radius`, { headers: ADMIN })
      ).json();
      console.log(
        JSON.stringify(
          radius.nodes.filter((n: { slug: string }) => n.slug.startsWith("payment")),
          null,
          1,
        ),
      );
      console.log(
        await page.evaluate(() =>
          window.faultlineMap
            ?.nodes()
            .map((n) => `${n.data("slug")}=${n.data("state")}`)
            .join(" "),
        ),
      );
      throw error;
    });
    const liveMs = performance.now() - liveStarted;
    await context.close();
    // Both recover, so the next round starts from a gray shop.
    await fire(api, "payment-service", alertname, "resolved", startsAt);
    await fire(api, "payment-provider", alertname, "resolved", startsAt);
    // The first round warms the server's caches and compiles the page's chunks.
    if (round === 0) continue;
    totals.push(total);
    live.push(liveMs);
  }
  summarize("alert posted → incident page, map coloured", totals, 2_000);
  summarize("open page: neighbour's alert → node red", live, 2_000);
}

type MapLoad = {
  /** The server-rendered picture of the coloured map, painted. */
  previewAt: number;
  /** The interactive cytoscape map, drawn. */
  drawnAt: number;
  /** From the hydrated page having the data to the interactive map drawn: the map's own work. */
  renderMs: number;
  wallMs: number;
  nodes: number;
  breakdown: string;
};

/** Opens the incident page and reads, from the page's own marks, when the map was on screen. */
async function loadIncidentMap(page: Page, url: string): Promise<MapLoad> {
  const started = performance.now();
  await page.goto(url);
  await page.locator('[data-testid="blast-radius-map"][data-ready="true"]').waitFor();
  const wallMs = performance.now() - started;
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const marks = await page.evaluate(() => {
    const [preview, data, built, drawn] = [
      "faultline:map-preview",
      "faultline:map-data",
      "faultline:map-built",
      "faultline:map-drawn",
    ].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN);
    const navigation = performance.getEntriesByType("navigation")[0] as
      | PerformanceNavigationTiming
      | undefined;
    return {
      previewAt: preview ?? Number.NaN,
      drawnAt: drawn ?? Number.NaN,
      renderMs: (drawn ?? Number.NaN) - (data ?? Number.NaN),
      nodes: window.faultlineMap?.nodes().length ?? 0,
      breakdown: [
        `html ${navigation?.responseEnd.toFixed(0)}`,
        `picture painted ${preview?.toFixed(0)}`,
        `DOMContentLoaded ${navigation?.domContentLoadedEventEnd.toFixed(0)}`,
        `hydrated with data ${data?.toFixed(0)}`,
        `cytoscape built ${built?.toFixed(0)}`,
      ].join(", "),
    };
  });
  return { ...marks, wallMs };
}

/** Usable: a zoom and a pan on the drawn map, repainted within a frame or two. */
async function measureZoomAndPan(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const cy = window.faultlineMap;
    if (!cy) return Number.NaN;
    const started = performance.now();
    cy.zoom({ level: cy.zoom() * 1.5, renderedPosition: { x: 200, y: 200 } });
    cy.panBy({ x: 120, y: 60 });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - started;
  });
}

async function measureLargeMap(browser: Browser, api: Api, origin: string): Promise<void> {
  await resolveOpenIncidents(api);
  await fire(api, origin, "BenchLargeRadius");
  const url = `${api.baseUrl}/incidents/${await findIncident(api, "BenchLargeRadius")}`;
  const viewport = { width: 1440, height: 900 };
  const cold: MapLoad[] = [];
  const repaints: number[] = [];
  // Cold: a fresh browser profile each time, nothing cached or compiled.
  for (let round = 0; round < ROUNDS + 1; round++) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const load = await loadIncidentMap(page, url);
    const repaint = await measureZoomAndPan(page);
    await context.close();
    if (round === 0) continue;
    cold.push(load);
    repaints.push(repaint);
    log(`cold ${round}: drawn at ${formatMs(load.drawnAt)} (${load.breakdown} ms)`);
  }
  // Warm: a responder's browser that has had Faultline open before (scripts cached).
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const warm: MapLoad[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const load = await loadIncidentMap(page, url);
    if (round > 0) warm.push(load);
  }
  await context.close();
  const nodes = cold[0]?.nodes ?? 0;
  for (const [label, loads] of [
    ["cold", cold],
    ["warm", warm],
  ] as const) {
    const previews = loads.map((load) => load.previewAt);
    summarize(`${nodes}-node map, ${label}: navigation → coloured picture`, previews, 1_000);
    const drawn = loads.map((load) => load.drawnAt);
    summarize(`${nodes}-node map, ${label}: navigation → interactive map`, drawn, 1_000);
    const rendering = loads.map((load) => load.renderMs);
    summarize(`${nodes}-node map, ${label}: data in hand → drawn (render)`, rendering, 1_000);
  }
  summarize(
    `${nodes}-node map, cold: goto → drawn (wall)`,
    cold.map((load) => load.wallMs),
  );
  summarize(`${nodes}-node map: zoom + pan repainted`, repaints);
}

async function measureCatalogMap(browser: Browser, api: Api): Promise<void> {
  const drawn: number[] = [];
  let nodes = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${api.baseUrl}/services`);
    await page.waitForFunction(() => (window.faultlineCatalogMap?.nodes().length ?? 0) > 0, null, {
      timeout: 30_000,
    });
    const mark = await page.evaluate(() => ({
      at: performance.getEntriesByName("faultline:catalog-map-drawn")[0]?.startTime ?? Number.NaN,
      nodes: window.faultlineCatalogMap?.nodes().length ?? 0,
    }));
    nodes = mark.nodes;
    await context.close();
    if (round > 0) drawn.push(mark.at);
  }
  summarize(`/services map (${nodes} nodes): navigation → drawn`, drawn, 1_000);
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-map-bench-"));
  const catalog = generatedCatalog();
  log(`seeding the shop and a generated catalog of ${catalog.snapshot.services.length} services`);
  await seed(dataDir, catalog.snapshot);
  log("starting the production build");
  const server = await startAppServer({
    port: PORT,
    dataDir,
    // Pages read as an anonymous wallboard: the bench measures drawing, not signing in.
    env: { FAULTLINE_ADMIN_TOKEN: BENCH_ADMIN_TOKEN, FAULTLINE_ANONYMOUS_READ: "true" },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const api = {
      baseUrl: server.baseUrl,
      alertmanagerToken: await createIntegrationViaApi(
        server.baseUrl,
        BENCH_ADMIN_TOKEN,
        "alertmanager",
      ),
    };
    console.log(
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${ROUNDS} rounds after one warm-up each`,
    );
    log("alert → coloured map");
    if (ONLY !== "large") await measureAlertToMap(browser, api);
    log(`large map: origin ${catalog.origin}, ${catalog.tracedCount} services traced`);
    await measureLargeMap(browser, api, catalog.origin);
    log("catalog map");
    await measureCatalogMap(browser, api);
  } finally {
    await browser.close();
    await server.stop();
    if (process.env.MAP_BENCH_KEEP) log(`kept ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
