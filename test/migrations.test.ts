import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../lib/db";
import {
  applyMigrations,
  type Migration,
  readMigrations,
} from "../lib/migrations/apply-migrations";
import { createEmptyTestDatabase, getTestDatabaseKind } from "./helpers/test-database";

const ROOT = path.join(import.meta.dirname, "..");
const opened: Database[] = [];

async function emptyDatabase(): Promise<Database> {
  const db = await createEmptyTestDatabase();
  opened.push(db);
  return db;
}

async function recordedMigrations(db: Database): Promise<string[]> {
  const rows = await db.withSession((session) =>
    session.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
    ),
  );
  return rows.map((row) => row.migration_name);
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describe("applyMigrations", () => {
  it("applies every committed migration once, in order, and records it as Prisma would", async () => {
    const db = await emptyDatabase();
    const committed = readMigrations().map((migration) => migration.name);
    expect(committed.length).toBeGreaterThan(0);
    expect(committed).toEqual([...committed].sort());

    const first = await applyMigrations(db);
    expect(first.applied).toEqual(committed);
    const second = await applyMigrations(db);
    expect(second).toEqual({ applied: [], alreadyApplied: committed });
    expect(await recordedMigrations(db)).toEqual(committed);
    const tables = await db.withSession((session) =>
      session.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'incidents'",
      ),
    );
    expect(tables[0]?.n).toBe(1);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const db = await emptyDatabase();
    await applyMigrations(db);
    const edited = readMigrations().map((migration, index) =>
      index === 0 ? { ...migration, checksum: "0".repeat(64) } : migration,
    );
    await expect(applyMigrations(db, { migrations: edited })).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it("rolls a failing migration back completely and does not record it", async () => {
    const db = await emptyDatabase();
    await applyMigrations(db);
    const broken: Migration = {
      name: "99990101000000_broken",
      sql: 'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";',
      checksum: "f".repeat(64),
    };
    await expect(
      applyMigrations(db, { migrations: [...readMigrations(), broken] }),
    ).rejects.toThrow(/99990101000000_broken failed and was rolled back/);
    const leftovers = await db.withSession((session) =>
      session.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'",
      ),
    );
    expect(leftovers[0]?.n).toBe(0);
    expect(await recordedMigrations(db)).not.toContain(broken.name);
  });

  it("is safe when two migrators start at once", async () => {
    const db = await emptyDatabase();
    const committed = readMigrations().map((migration) => migration.name);
    if (getTestDatabaseKind() === "postgres") {
      // Two real processes, as when two app servers boot together.
      const url = db.target.kind === "postgres" ? db.target.url : "";
      const results = await Promise.all([runCliMigrate(url), runCliMigrate(url)]);
      expect(results.map((result) => result.code)).toEqual([0, 0]);
      expect(results.map((result) => result.output).join("\n")).toMatch(/applied 20\d+_init/);
    } else {
      // One embedded database belongs to one process; within it, concurrent callers still queue.
      const reports = await Promise.all([applyMigrations(db), applyMigrations(db)]);
      expect(reports.flatMap((report) => report.applied).sort()).toEqual(committed);
    }
    expect(await recordedMigrations(db)).toEqual(committed);
  });
});

function runCliMigrate(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "faultline.js"), "migrate"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", (code) => resolve({ code, output }));
  });
}
