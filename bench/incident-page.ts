// The incident page with its hypotheses, against the production build on PGlite (and PostgreSQL
// when BENCH_DATABASE_URL or DATABASE_URL is set): the demo's order-service incident, scored by a
// model trained on six months of simulated history and promoted (seeded in-process before the
// server starts). Target: the page with hypotheses no slower than today's by more than 100 ms.
// The hypotheses are fetched in parallel with the blast radius, so the bench reports:
//   - GET /api/incidents/:id/hypotheses p50/p95 (the added server work) and, for reference,
//     GET /api/incidents/:id/blast-radius (today's slowest part of the page);
//   - in Chromium, navigation → hypotheses listed vs navigation → map drawn, fresh profile each
//     load, and hypotheses-listed minus map-drawn (≤ 100 ms meets the target).
// Needs `npm run build` first.
//   npx tsx bench/incident-page.ts [--requests 200] [--loads 10]
import path from "node:path";
import { parseArgs } from "node:util";
import { type Browser, chromium } from "@playwright/test";
import { closeDb, type DatabaseTarget, openDatabase, setDb } from "../lib/db";
import { migrateDatabase } from "../lib/migrations/migrate-database";
import { seedScoredIncident } from "./lib/seed-scored-incident";
import {
  BENCH_ADMIN_TOKEN,
  createBenchDataDir,
  formatMs,
  measureOnBothDatabases,
  percentile,
  startServer,
} from "./lib/server";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "200" },
    loads: { type: "string", default: "10" },
  },
});
const REQUESTS = Number(values.requests);
const LOADS = Number(values.loads);
const WARMUP = 10;
const TARGET_MS = 100;
const ADMIN = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];
// Runs in the page before its scripts: when the first hypothesis is in the DOM, from navigation.
const WATCH_HYPOTHESES = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="hypothesis"]')) {
      window.benchHypothesesAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

type TStats = { p50: number; p95: number; max: number; n: number };

function stats(samples: number[]): TStats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    n: sorted.length,
  };
}

const formatStats = (s: TStats) =>
  `n=${s.n}  p50 ${formatMs(s.p50)}  p95 ${formatMs(s.p95)}  max ${formatMs(s.max)}`;

/** Migrates and seeds the database the server will use, then closes it so the server can. */
async function seed(target: DatabaseTarget): Promise<number> {
  const db = await openDatabase(target);
  setDb(db);
  try {
    await migrateDatabase(db);
    return (await seedScoredIncident()).incidentId;
  } finally {
    await closeDb();
  }
}

async function timeGet(url: string, check: (body: unknown) => boolean): Promise<TStats> {
  const times: number[] = [];
  for (let round = 0; round < WARMUP + REQUESTS; round++) {
    const started = performance.now();
    const response = await fetch(url, { headers: ADMIN });
    const body = await response.json();
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !check(body))
      throw new Error(`${url} answered ${response.status}`);
    if (round >= WARMUP) times.push(elapsed);
  }
  return stats(times);
}

type TPageLoad = {
  hypothesesAt: number;
  mapDrawnAt: number;
  hypotheses: number;
  /** The page's first GET …/hypotheses: sent and answered, from navigation. */
  requestStart: number;
  requestEnd: number;
};

async function loadPage(browser: Browser, url: string): Promise<TPageLoad> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addInitScript(WATCH_HYPOTHESES);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-testid="blast-radius-map"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="hypothesis"]').first().waitFor();
    return await page.evaluate(() => ({
      hypothesesAt:
        (window as unknown as { benchHypothesesAt?: number }).benchHypothesesAt ?? Number.NaN,
      mapDrawnAt: performance.getEntriesByName("faultline:map-drawn")[0]?.startTime ?? Number.NaN,
      hypotheses: document.querySelectorAll('[data-testid="hypothesis"]').length,
      requestStart:
        performance.getEntriesByType("resource").find((entry) => entry.name.endsWith("/hypotheses"))
          ?.startTime ?? Number.NaN,
      requestEnd:
        (
          performance
            .getEntriesByType("resource")
            .find((entry) => entry.name.endsWith("/hypotheses")) as
            | PerformanceResourceTiming
            | undefined
        )?.responseEnd ?? Number.NaN,
    }));
  } finally {
    await context.close();
  }
}

async function measure(browser: Browser, port: number, databaseUrl?: string): Promise<void> {
  const dataDir = createBenchDataDir();
  const incidentId = await seed(
    databaseUrl
      ? { kind: "postgres", url: databaseUrl }
      : { kind: "pglite", dataDir: path.join(dataDir, "db") },
  );
  const server = await startServer({
    port,
    databaseUrl,
    dataDir,
    // Pages read as an anonymous wallboard: the bench measures the page, not signing in.
    env: { FAULTLINE_ANONYMOUS_READ: "true" },
  });
  const label = server.label.padEnd(10);
  try {
    const api = `${server.baseUrl}/api/incidents/${incidentId}`;
    const hypotheses = await timeGet(
      `${api}/hypotheses`,
      (body) => ((body as { hypotheses?: unknown[] }).hypotheses?.length ?? 0) > 0,
    );
    const blastRadius = await timeGet(
      `${api}/blast-radius`,
      (body) => ((body as { nodes?: unknown[] }).nodes?.length ?? 0) > 0,
    );
    const loads: TPageLoad[] = [];
    // The first load compiles and caches on the server side; it is not counted.
    for (let round = 0; round < LOADS + 1; round++) {
      const load = await loadPage(browser, `${server.baseUrl}/incidents/${incidentId}`);
      if (round > 0) loads.push(load);
    }
    const listed = stats(loads.map((load) => load.hypothesesAt));
    const drawn = stats(loads.map((load) => load.mapDrawnAt));
    const lag = stats(loads.map((load) => load.hypothesesAt - load.mapDrawnAt));
    console.log(`${label} incident ${incidentId}, ${loads[0]?.hypotheses} hypotheses listed`);
    console.log(`${label} GET /api/incidents/:id/hypotheses    ${formatStats(hypotheses)}`);
    console.log(
      `${label} GET /api/incidents/:id/blast-radius  ${formatStats(blastRadius)}  (reference)`,
    );
    console.log(`${label} page: navigation → hypotheses listed ${formatStats(listed)}`);
    console.log(`${label} page: navigation → map drawn         ${formatStats(drawn)}`);
    const sent = stats(loads.map((load) => load.requestStart));
    const answered = stats(loads.map((load) => load.requestEnd - load.requestStart));
    // Server-rendered hypotheses need no request; when the client does ask, say when and how long.
    if (Number.isFinite(sent.p50)) {
      console.log(`${label}   hypotheses request sent at          ${formatStats(sent)}`);
      console.log(`${label}   hypotheses request, in the page     ${formatStats(answered)}`);
    } else
      console.log(`${label}   hypotheses rendered with the page (no request before they show)`);
    const verdict = lag.p50 <= TARGET_MS ? "met" : "NOT met";
    console.log(
      `${label} page: hypotheses listed − map drawn   ${formatStats(lag)}  ` +
        `(target median ≤ ${TARGET_MS} ms: ${verdict}; hypotheses API p95 ${formatMs(hypotheses.p95)})`,
    );
  } finally {
    await server.stop();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
});
try {
  await measureOnBothDatabases((url, port) => measure(browser, port, url), [3321, 3322]);
} finally {
  await browser.close();
}
