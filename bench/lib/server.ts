import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServer } from "../../scripts/lib/app-server";

export type BenchServer = { baseUrl: string; label: string; stop(): Promise<void> };

export const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789";

/** The production build on a fresh embedded database, or on the PostgreSQL at `databaseUrl`. */
export async function startServer(options: {
  port: number;
  databaseUrl?: string;
  /** A data dir prepared beforehand (e.g. seeded in-process); removed on stop like a fresh one. */
  dataDir?: string;
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const dataDir = options.dataDir ?? createBenchDataDir();
  const server = await startAppServer({
    port: options.port,
    dataDir,
    databaseUrl: options.databaseUrl,
    env: {
      FAULTLINE_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      FAULTLINE_RATE_LIMIT_PER_SECOND: "1000000",
      FAULTLINE_RATE_LIMIT_BURST: "1000000",
      ...options.env,
    },
  });
  return {
    baseUrl: server.baseUrl,
    label: options.databaseUrl ? "PostgreSQL" : "PGlite",
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh FAULTLINE_DATA_DIR; the server keeps its embedded database in its db/ folder. */
export function createBenchDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "faultline-bench-"));
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] as number;
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** The PostgreSQL to benchmark: BENCH_DATABASE_URL, else DATABASE_URL, else none. */
export function getBenchDatabaseUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** A new empty database on the server `adminUrl` points at, dropped by the returned function. */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import("pg");
  const name = `faultline_bench_${process.pid}_${Date.now()}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Runs `measure` on embedded PGlite, then on a scratch database of the PostgreSQL server in
 * BENCH_DATABASE_URL / DATABASE_URL (dropped after), or says PostgreSQL was skipped.
 */
export async function measureOnBothDatabases(
  measure: (databaseUrl: string | undefined, port: number) => Promise<void>,
  ports: [number, number],
): Promise<void> {
  await measure(undefined, ports[0]);
  const adminUrl = getBenchDatabaseUrl();
  if (!adminUrl) {
    console.log("PostgreSQL skipped: set BENCH_DATABASE_URL or DATABASE_URL");
    return;
  }
  const scratch = await createScratchDatabase(adminUrl);
  try {
    await measure(scratch.url, ports[1]);
  } finally {
    await scratch.drop();
  }
}
