import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type BenchServer = { baseUrl: string; label: string; stop(): Promise<void> };

/**
 * Starts the production build (`next start`) on an embedded database in a fresh temporary
 * directory, or on the PostgreSQL database named by `databaseUrl`.
 */
export async function startServer(options: {
  port: number;
  databaseUrl?: string;
}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-bench-"));
  const child = spawn(
    path.join("node_modules", ".bin", "next"),
    ["start", "--port", String(options.port)],
    {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        FAULTLINE_DATA_DIR: dataDir,
        DATABASE_URL: options.databaseUrl ?? "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const baseUrl = `http://localhost:${options.port}`;
  await waitForHealthy(child, baseUrl, 60);
  return {
    baseUrl,
    label: options.databaseUrl ? "PostgreSQL" : "PGlite",
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealthy(
  child: ChildProcess,
  baseUrl: string,
  timeoutSeconds: number,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("server did not become healthy");
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
