// npm run demo: embedded database, migrated and seeded; production build; server; a replayed alert
// sequence through the real webhook. Prints the URL and keeps serving until Ctrl-C.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureDemoUsers, type TDemoLogin } from "../lib/auth/ensure-demo-users";
import { describeImportResult } from "../lib/catalog/describe-import-report";
import { closeDb, getDatabaseTargetFromEnv, openDatabase, setDb } from "../lib/db";
import { getEnv, parseEnv } from "../lib/env";
import { ensureIntegration } from "../lib/integrations/manage-integrations";
import { migrateDatabase } from "../lib/migrations/migrate-database";
import { buildOrderServiceRelease } from "../lib/scenarios/order-service-release";
import {
  buildStormDeliveries,
  ORDER_SERVICE_STORM,
  UNRELATED_DURING_STORM,
} from "../lib/scenarios/order-service-storm";
import { ensureSecretKeyFile } from "./lib/ensure-secret-key-file";
import { prepareDemoGitOps } from "./lib/prepare-demo-gitops";
import { prepareDemoModel } from "./lib/prepare-demo-model";
import { seedDemoCatalog } from "./lib/seed-demo-catalog";

const startedAt = performance.now();
// Before the environment is read for good: the server it starts inherits the key too.
process.env.FAULTLINE_SECRET_KEY = ensureSecretKeyFile(
  parseEnv(process.env).FAULTLINE_DATA_DIR,
  process.env.FAULTLINE_SECRET_KEY,
);
const env = getEnv();
const baseUrl = `http://localhost:${env.PORT}`;
const SOURCE_DIRS = ["app", "lib", "prisma", "public"];
const NEXT_BIN = path.join("node_modules", ".bin", "next");

function step(message: string): void {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`[demo +${seconds}s] ${message}`);
}

async function prepareDatabase(): Promise<{ incidentCount: number }> {
  const target = getDatabaseTargetFromEnv();
  step(
    target.kind === "pglite"
      ? `embedded database at ${target.dataDir}`
      : "PostgreSQL from DATABASE_URL",
  );
  const db = await openDatabase(target);
  setDb(db);
  try {
    const report = await migrateDatabase(db);
    step(
      `migrations: ${report.applied.length} applied, ${report.alreadyApplied.length} already present`,
    );
    for (const result of await seedDemoCatalog()) {
      step(`catalog imported:\n${describeImportResult(result)}`);
    }
    await createDemoIntegrations();
    demoLogins = await ensureDemoUsers(env);
    step("demo users ready (one per role)");
    await prepareDemoModel(step);
    return { incidentCount: await db.prisma.incident.count() };
  } finally {
    // The server opens the embedded database next; only one process may hold it.
    await closeDb();
  }
}

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCE_DIRS.map(newestMtime), fs.statSync("package.json").mtimeMs);
  if (builtAt > changedAt) {
    step("production build is up to date");
    return;
  }
  step("building the app (next build; about a minute the first time) ...");
  const result = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error("next build failed");
  step("build finished");
}

async function waitForHealth(server: ChildProcess, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not become healthy within ${timeoutSeconds}s`);
}

// One integration per webhook, with the documented demo secrets (the README has curl examples).
async function createDemoIntegrations(): Promise<void> {
  const token = env.FAULTLINE_DEMO_WEBHOOK_TOKEN;
  for (const kind of [
    "alertmanager",
    "grafana",
    "datadog",
    "generic",
    "pagerduty_events",
    "changes",
  ] as const) {
    await ensureIntegration(kind, "demo", token);
  }
  await ensureIntegration("pagerduty", "demo", env.FAULTLINE_DEMO_PAGERDUTY_SECRET);
  step("demo integrations ready (one per webhook)");
}

/**
 * The order-service storm (40 alerts in 3 minutes, plus 2 unrelated ones) through the real
 * Alertmanager webhook, `speedup` times faster than it happened, so the list visibly fills up.
 */
async function replayStorm(speedup = 10): Promise<void> {
  const start = new Date();
  // The alerts' own start times are sped up too: each starts when it is sent, so no alert on
  // the timeline fires after the incident it opened (or minutes in the future).
  const deliveries = buildStormDeliveries(
    start,
    [...ORDER_SERVICE_STORM, ...UNRELATED_DURING_STORM].map((alert) => ({
      ...alert,
      atOffsetSeconds: alert.atOffsetSeconds / speedup,
    })),
  );
  await recordStormCause(start);
  step(`replaying the order-service storm: ${deliveries.length} deliveries over ${180 / speedup}s`);
  for (const delivery of deliveries) {
    const due = start.getTime() + delivery.atOffsetSeconds * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    const response = await fetch(`${baseUrl}/api/webhooks/alertmanager`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${env.FAULTLINE_DEMO_WEBHOOK_TOKEN}`,
      },
      body: JSON.stringify(delivery.payload),
    });
    if (!response.ok)
      throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
  }
  step("storm replayed");
}

/** The storm's cause, as a deploy pipeline reports it: order-service v41 days ago, v42 just now. */
async function recordStormCause(start: Date): Promise<void> {
  const releases = [
    { version: "v41" as const, minutesAgo: 3 * 24 * 60, author: "deploy-bot" },
    { version: "v42" as const, minutesAgo: 4, author: "deploy-bot" },
  ];
  for (const release of releases) {
    const response = await fetch(`${baseUrl}/api/changes`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${env.FAULTLINE_DEMO_WEBHOOK_TOKEN}`,
      },
      body: JSON.stringify({
        service: "order-service",
        kind: "deploy",
        version: release.version,
        author: release.author,
        at: new Date(start.getTime() - release.minutesAgo * 60_000).toISOString(),
        description: `order-service ${release.version} (Deployment, Service, ConfigMap)`,
        files: buildOrderServiceRelease(release.version),
      }),
    });
    if (!response.ok)
      throw new Error(`/api/changes answered ${response.status}: ${await response.text()}`);
  }
  step("recorded order-service deploys v41 and v42 (v42 4 min before the storm)");
}

function printUsage(): void {
  const token = env.FAULTLINE_DEMO_WEBHOOK_TOKEN;
  console.log(`
  Faultline is running: ${baseUrl}/incidents

  Demo webhook credentials (FAULTLINE_DEMO_WEBHOOK_TOKEN, FAULTLINE_DEMO_PAGERDUTY_SECRET):
    bearer token for alertmanager, grafana, datadog, generic, pagerduty-events, changes: ${token}
    signing secret for the PagerDuty webhook (pagerduty):  ${env.FAULTLINE_DEMO_PAGERDUTY_SECRET}
  Signing secrets are stored encrypted with FAULTLINE_SECRET_KEY (unset: ${path.join(env.FAULTLINE_DATA_DIR, "secret.key")}).

  Sign in at ${baseUrl}/login (password ${env.FAULTLINE_DEMO_PASSWORD}, FAULTLINE_DEMO_PASSWORD):
${demoLogins.map((login) => `    ${login.role.padEnd(9)} ${login.email.padEnd(24)} API token ${login.token}`).join("\n")}

  Try:
    curl ${baseUrl}/api/incidents -H 'authorization: Bearer ${demoLogins[0]?.token ?? ""}'
    curl -X POST ${baseUrl}/api/webhooks/alertmanager -H 'authorization: Bearer ${token}' \\
      -H 'content-type: application/json' --data @test/fixtures/webhooks/alertmanager/firing_12_alerts.json

  Press Ctrl-C to stop.
`);
}

let demoLogins: TDemoLogin[] = [];

async function main(): Promise<void> {
  const { incidentCount } = await prepareDatabase();
  buildIfStale();
  const executorEnv = process.argv.includes("--gitops")
    ? await prepareDemoGitOps(env.FAULTLINE_DATA_DIR, baseUrl)
    : {};
  step(
    executorEnv.FAULTLINE_GITOPS_REPO
      ? `remediations are committed to the local git repository ${executorEnv.FAULTLINE_GITOPS_REPO} (git -C ${executorEnv.FAULTLINE_GITOPS_REPO} log main)`
      : "remediations are applied as dry runs (npm run demo -- --gitops commits them to a local git repository)",
  );
  step(`starting the server on port ${env.PORT}`);
  const server = spawn(
    process.execPath,
    ["bin/faultline.js", "serve", "--port", String(env.PORT)],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...executorEnv, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));

  await waitForHealth(server, 60);
  step("server is healthy");
  const firstPage = await fetch(`${baseUrl}/incidents`);
  step(`first page answered ${firstPage.status}`);
  printUsage();
  if (incidentCount === 0 || process.argv.includes("--replay")) await replayStorm();
  else
    step(
      `keeping the ${incidentCount} incidents in the database (npm run demo -- --replay for more)`,
    );
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
