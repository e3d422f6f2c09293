import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { getEnv, getPgliteDataDir } from "./env";
import { PrismaClient } from "./generated/prisma/client";
import { migrateDatabase } from "./migrations/migrate-database";

export type { Prisma } from "./generated/prisma/client";
export { PrismaClient };

/** Where the data lives: a real PostgreSQL server, or embedded PGlite (on disk, or in memory when dataDir is null). */
export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string | null; loadDataDir?: Blob };

/** One connection of our own, for scripts and session-level advisory locks. */
export type SqlSession = {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements. */
  exec(sql: string): Promise<void>;
};

export type Database = {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /**
   * One statement straight through the driver, for hot paths. A `name` makes it a prepared
   * statement on PostgreSQL, planned once per connection instead of on every call.
   */
  query<Row = Record<string, unknown>>(
    sql: string,
    params: unknown[],
    options?: { name?: string },
  ): Promise<Row[]>;
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export function getDatabaseTargetFromEnv(): DatabaseTarget {
  const env = getEnv();
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: getPgliteDataDir(env) };
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.url, target.poolSize)
    : openPglite(target.dataDir, target.loadDataDir);
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", (error) =>
    console.error("[db] idle PostgreSQL connection failed:", error.message),
  );
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    target: { kind: "postgres", url, poolSize },
    async query(sql, params, options) {
      const result = await pool.query({ text: sql, values: params, name: options?.name });
      return result.rows;
    },
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(sessionOfPgClient(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/** `loadDataDir` starts from a dump (PGlite's dumpDataDir), which is much faster than a fresh initdb. */
async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create({ dataDir: dataDir ?? undefined, loadDataDir });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  let sessionQueue: Promise<unknown> = Promise.resolve();
  return {
    prisma,
    target: { kind: "pglite", dataDir },
    // In-process: there is no network round trip to save, so no prepared statements.
    query: async (sql, params) => (await pglite.query<never>(sql, params)).rows,
    // One connection means session-level advisory locks cannot exclude callers in this process,
    // so sessions take turns instead.
    withSession(fn) {
      const turn = sessionQueue.then(() => fn(sessionOfPglite(pglite)));
      sessionQueue = turn.catch(() => undefined);
      return turn;
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      releaseLock();
    },
  };
}

export function sessionOfPgClient(client: pg.ClientBase): SqlSession {
  return {
    query: async (sql, params) => (await client.query(sql, params)).rows,
    exec: async (sql) => {
      await client.query(sql);
    },
  };
}

export function sessionOfPglite(pglite: PGlite): SqlSession {
  return {
    query: async (sql, params) => (await pglite.query<never>(sql, params)).rows,
    exec: async (sql) => {
      await pglite.exec(sql);
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same files would corrupt them.
 * A pid file next to the data directory makes that a clear error instead.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => fs.rmSync(lockPath, { force: true });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8"));
      if (isProcessAlive(holder) && holder !== process.pid) {
        throw new Error(
          `The embedded database at ${dataDir} is in use by process ${holder}. ` +
            "Stop that process first, or point DATABASE_URL at a PostgreSQL server to share one database.",
        );
      }
      fs.rmSync(lockPath, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock the embedded database at ${dataDir}`);
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Next.js may load this module more than once per process; the database must be opened once.
const globalStore = globalThis as typeof globalThis & { __faultlineDb?: Promise<Database> };

/** The process-wide database, opened from the environment and migrated on first use. */
export function getDb(): Promise<Database> {
  if (!globalStore.__faultlineDb) {
    const opening = openDatabase(getDatabaseTargetFromEnv()).then(async (db) => {
      await migrateDatabase(db);
      return db;
    });
    // A failed open (server down at start) must not poison every later request.
    opening.catch(() => {
      if (globalStore.__faultlineDb === opening) globalStore.__faultlineDb = undefined;
    });
    globalStore.__faultlineDb = opening;
  }
  return globalStore.__faultlineDb;
}

/** The Prisma client of the process-wide database. */
export async function getPrisma(): Promise<PrismaClient> {
  return (await getDb()).prisma;
}

/** Makes `db` the process-wide database (tests, CLI commands that open their own). */
export function setDb(db: Database): void {
  globalStore.__faultlineDb = Promise.resolve(db);
}

export async function closeDb(): Promise<void> {
  const current = globalStore.__faultlineDb;
  globalStore.__faultlineDb = undefined;
  if (current) await (await current).close();
}
