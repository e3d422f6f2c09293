// The blast-radius map as a responder sees it, in Chromium (Debian's /usr/bin/chromium driven by
// Playwright), against the production build on the embedded database. Needs `npm run build`.
//   1. alert → map: an alert is posted to the Alertmanager webhook; the clock stops when its
//      incident page (opened in a fresh browser context, as from a PagerDuty link) has drawn the
//      map with the origin red. Target ≤ 2 s.
//   2. live: with the page open, a neighbour's alert is posted; the clock stops when that node
//      turns red without a reload.
//   3. 300 nodes: an incident on a generated catalog whose blast radius has ~300 services; time
//      from navigation start to the drawn map (performance mark), and to interactive. Target ≤ 1 s.
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
    `${label.padEnd(44)} n=${sorted.length}  p50 ${formatMs(percentile(sorted, 50))}  ` +
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

async function fire(api: Api, service: string, alertname: string): Promise<void> {
  const payload = buildAlertmanagerPayload(
    [{ labels: { alertname, service, severity: "critical" }, startsAt: new Date() }],
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
    const response = await fetch(`${api.baseUrl}/api/incidents?status=open`);
    const { incidents } = (await response.json()) as { incidents: { id: number; title: string }[] };
    const found = incidents.find((incident) => incident.title.startsWith(`${alertname} `));
    if (found) return found.id;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function resolveOpenIncidents(api: Api): Promise<void> {
  const response = await fetch(`${api.baseUrl}/api/incidents?status=open`);
  const { incidents } = (await response.json()) as { incidents: { id: number }[] };
  for (const incident of incidents) {
    await fetch(`${api.baseUrl}/api/incidents/${incident.id}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "resolved", actor: "bench" }),
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
    const started = performance.now();
    await fire(api, "payment-service", alertname);
    const incidentId = await findIncident(api, alertname);
    await page.goto(`${api.baseUrl}/incidents/${incidentId}`);
    await waitForRedNode(page, "payment-service");
    const total = performance.now() - started;

    // With the page open, a dependency starts failing: how long until its node turns red?
    const liveStarted = performance.now();
    await fire(api, "payment-provider", alertname);
    await waitForRedNode(page, "payment-provider").catch(async (error) => {
      const radius = await (
        await fetch(`${api.baseUrl}/api/incidents/${incidentId}/blast-radius`)
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
    // The first round warms the server's caches and compiles the page's chunks.
    if (round === 0) continue;
    totals.push(total);
    live.push(liveMs);
  }
  summarize("alert posted → incident page, map coloured", totals, 2_000);
  summarize("open page: neighbour's alert → node red", live, 2_000);
}

async function measureLargeMap(browser: Browser, api: Api, origin: string): Promise<void> {
  await resolveOpenIncidents(api);
  await fire(api, origin, "BenchLargeRadius");
  const incidentId = await findIncident(api, "BenchLargeRadius");
  const drawn: number[] = [];
  const interactive: number[] = [];
  let nodes = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${api.baseUrl}/incidents/${incidentId}`);
    await waitForRedNode(page, origin);
    const wallMs = performance.now() - started;
    const mark = await page.evaluate(() => {
      const [entry] = performance.getEntriesByName("faultline:map-drawn");
      const api = performance
        .getEntriesByType("resource")
        .find((resource) => resource.name.includes("/blast-radius")) as
        | PerformanceResourceTiming
        | undefined;
      const navigation = performance.getEntriesByType("navigation")[0] as
        | PerformanceNavigationTiming
        | undefined;
      return {
        at: entry?.startTime ?? Number.NaN,
        nodes: window.faultlineMap?.nodes().length ?? 0,
        breakdown: `data in hand ${performance.getEntriesByName("faultline:map-data")[0]?.startTime.toFixed(0)}, cytoscape built ${performance.getEntriesByName("faultline:map-built")[0]?.startTime.toFixed(0)} html ${navigation?.responseEnd.toFixed(0)} ms, DOMContentLoaded ${navigation?.domContentLoadedEventEnd.toFixed(0)} ms, blast-radius API ${api?.startTime.toFixed(0)}→${api?.responseEnd.toFixed(0)} ms`,
      };
    });
    // Usable: a pan and a zoom on the drawn map, answered within a frame or two.
    const interaction = await page.evaluate(async () => {
      const cy = window.faultlineMap;
      if (!cy) return Number.NaN;
      const started = performance.now();
      cy.zoom({ level: cy.zoom() * 1.5, renderedPosition: { x: 200, y: 200 } });
      cy.panBy({ x: 120, y: 60 });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return performance.now() - started;
    });
    nodes = mark.nodes;
    await context.close();
    if (round === 0) continue;
    drawn.push(mark.at);
    interactive.push(wallMs);
    log(
      `round ${round}: drawn at ${formatMs(mark.at)} (${mark.breakdown}), zoom+pan repaint ${formatMs(interaction)}`,
    );
  }
  summarize(`${nodes}-node incident map: navigation → drawn`, drawn, 1_000);
  summarize(`${nodes}-node incident map: goto → origin red (wall)`, interactive);
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
    env: { FAULTLINE_ADMIN_TOKEN: BENCH_ADMIN_TOKEN },
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
