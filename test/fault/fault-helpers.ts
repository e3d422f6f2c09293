import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import { applyCatalogSnapshot } from "../../lib/catalog/apply-catalog-snapshot";
import { closeDb, type Database, openDatabase, setDb } from "../../lib/db";
import { applyMigrations } from "../../lib/migrations/apply-migrations";
import type { ScenarioDelivery } from "../../lib/scenarios/alertmanager-payload";
import { ECOMMERCE_TOPOLOGY } from "../../prisma/seed/ecommerce-topology";
import { withAdminClient } from "../helpers/postgres-admin";

export const ADMIN_TOKEN = "fault-admin-token-0123456789";
/** Reads need a user too: the bootstrap admin's token. */
export const ADMIN_HEADERS = { authorization: `Bearer ${ADMIN_TOKEN}` };
export const SERVER_ENV = {
  FAULTLINE_ADMIN_TOKEN: ADMIN_TOKEN,
  FAULTLINE_RATE_LIMIT_PER_SECOND: "100000",
  FAULTLINE_RATE_LIMIT_BURST: "100000",
};

export type Target = { label: "PGlite" | "PostgreSQL"; dataDir: string; databaseUrl?: string };

/**
 * A fresh place for a server's data (an embedded data directory, or a new PostgreSQL database),
 * migrated and seeded with the demo shop, so storms correlate by its topology. Removed when the
 * test finishes, passed or failed.
 */
export async function createTarget(label: Target["label"]): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-fault-"));
  onTestFinished(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  let target: Target = { label, dataDir };
  if (label === "PostgreSQL") {
    const name = `faultline_fault_${process.pid}_${Date.now()}`;
    await withAdminClient((admin) => admin.query(`CREATE DATABASE ${name}`));
    // FORCE: a server the test left running (it failed half-way) must not keep the database.
    onTestFinished(async () => {
      await withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    });
    const url = new URL(process.env.DATABASE_URL ?? "");
    url.pathname = `/${name}`;
    target = { ...target, databaseUrl: url.toString() };
  }
  const db = await openTarget(target);
  try {
    setDb(db);
    await applyMigrations(db);
    await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
  } finally {
    await closeDb();
  }
  return target;
}

/** Opens the target's database directly (the server must be stopped for PGlite). */
export function openTarget(target: Target): Promise<Database> {
  return openDatabase(
    target.databaseUrl
      ? { kind: "postgres", url: target.databaseUrl }
      : { kind: "pglite", dataDir: path.join(target.dataDir, "db") },
  );
}

export type DeliveryOutcome = {
  delivery: ScenarioDelivery;
  status: number | "connection error";
  retryAfter: string | null;
};

export async function sendDelivery(
  baseUrl: string,
  token: string,
  delivery: ScenarioDelivery,
): Promise<DeliveryOutcome> {
  try {
    const response = await fetch(`${baseUrl}/api/webhooks/alertmanager`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(delivery.payload),
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    return { delivery, status: response.status, retryAfter: response.headers.get("retry-after") };
  } catch {
    return { delivery, status: "connection error", retryAfter: null };
  }
}

/** The identity of every alert a delivery carried: fingerprint and start, as the store keys them. */
export function alertKeys(delivery: ScenarioDelivery): string[] {
  return delivery.payload.alerts.map(
    (alert) => `${alert.fingerprint}|${new Date(alert.startsAt).toISOString()}`,
  );
}

export async function storedAlertKeys(db: Database): Promise<string[]> {
  const rows = await db.prisma.alert.findMany({ select: { fingerprint: true, startsAt: true } });
  return rows.map((row) => `${row.fingerprint}|${row.startsAt.toISOString()}`);
}

/** Waits until the server's incidents hold `alertCount` alerts: everything correlated. */
export async function waitForCorrelation(
  baseUrl: string,
  alertCount: number,
  timeoutSeconds = 90,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let seen = -1;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/incidents?limit=500`, {
      headers: ADMIN_HEADERS,
    }).catch(() => null);
    if (response?.ok) {
      const { incidents } = (await response.json()) as { incidents: { alertCount: number }[] };
      seen = incidents.reduce((sum, incident) => sum + incident.alertCount, 0);
      if (seen >= alertCount) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`only ${seen} of ${alertCount} alerts were correlated within ${timeoutSeconds}s`);
}

/** The local cluster serving DATABASE_URL, for stopping and starting it. */
export function findPostgresCluster(): { version: string; name: string } {
  const port = new URL(process.env.DATABASE_URL ?? "").port || "5432";
  const lines = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" })
    .trim()
    .split("\n");
  const line = lines.map((row) => row.trim().split(/\s+/)).find((fields) => fields[2] === port);
  if (!line?.[0] || !line[1])
    throw new Error(`no local PostgreSQL cluster on port ${port} (pg_lsclusters)`);
  return { version: line[0], name: line[1] };
}

/** Stops or starts the cluster; asking for the state it is already in does nothing. */
export function controlPostgres(action: "stop" | "start"): void {
  const { version, name } = findPostgresCluster();
  const status = execFileSync("pg_lsclusters", ["--no-header", version, name], {
    encoding: "utf8",
  });
  const isOnline = /\bonline\b/.test(status);
  if ((action === "start") === isOnline) return;
  const args = action === "stop" ? [version, name, "stop", "-m", "fast"] : [version, name, "start"];
  execFileSync("pg_ctlcluster", args, { stdio: "inherit" });
}
