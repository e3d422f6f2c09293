// npm run demo: embedded database, migrated and seeded; production build; server; a replayed alert
// sequence through the real webhook. Prints the URL and keeps serving until Ctrl-C.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { upsertTopology } from "../lib/catalog/upsert-topology";
import { closeDb, getDatabaseTargetFromEnv, openDatabase, setDb } from "../lib/db";
import { getEnv } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { buildDemoSequence } from "../lib/scenarios/demo-sequence";
import { ECOMMERCE_TOPOLOGY } from "../prisma/seed/ecommerce-topology";

const startedAt = performance.now();
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
    const report = await applyMigrations(db);
    step(
      `migrations: ${report.applied.length} applied, ${report.alreadyApplied.length} already present`,
    );
    const seeded = await upsertTopology(ECOMMERCE_TOPOLOGY);
    step(`seeded ${seeded.services} services and ${seeded.dependencies} dependencies`);
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

async function replayDemoAlerts(): Promise<void> {
  const sequence = buildDemoSequence(new Date());
  for (const delivery of sequence) {
    const response = await fetch(`${baseUrl}/api/webhooks/alertmanager`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(delivery.payload),
    });
    if (!response.ok)
      throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
  }
  step(
    `replayed ${sequence.length} Alertmanager deliveries through ${baseUrl}/api/webhooks/alertmanager`,
  );
}

async function main(): Promise<void> {
  const { incidentCount } = await prepareDatabase();
  buildIfStale();
  step(`starting the server on port ${env.PORT}`);
  const server = spawn(NEXT_BIN, ["start", "--port", String(env.PORT)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));

  await waitForHealth(server, 60);
  step("server is healthy");
  if (incidentCount === 0 || process.argv.includes("--replay")) await replayDemoAlerts();
  else
    step(`keeping the ${incidentCount} incidents already in the database (use --replay for more)`);
  const firstPage = await fetch(`${baseUrl}/incidents`);
  step(`first page answered ${firstPage.status}`);
  console.log(`\n  Faultline is running: ${baseUrl}/incidents\n  Press Ctrl-C to stop.\n`);
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
