import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { waitForCorrelationIdle } from "../../lib/correlate/request-correlation";
import { type Database, openDatabase, setDb } from "../../lib/db";
import { databaseUrlFor, TEMPLATE_DATABASE, withAdminClient } from "./postgres-admin";

export type TestDatabaseKind = "pglite" | "postgres";

export function getTestDatabaseKind(): TestDatabaseKind {
  return process.env.FAULTLINE_TEST_DB === "postgres" ? "postgres" : "pglite";
}

/** A database with nothing in it, not even migrations (for testing the migrations themselves). */
export async function createEmptyTestDatabase(): Promise<Database> {
  if (getTestDatabaseKind() === "pglite") return openDatabase({ kind: "pglite", dataDir: null });
  const name = `faultline_test_empty_${randomBytes(6).toString("hex")}`;
  await withAdminClient((admin) => admin.query(`CREATE DATABASE ${name}`));
  return withDropOnClose(await openDatabase({ kind: "postgres", url: databaseUrlFor(name) }), name);
}

function withDropOnClose(db: Database, name: string): Database {
  return {
    ...db,
    async close() {
      await db.close();
      await withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * A fresh, migrated database of its own for one test file: in-memory PGlite, or a new database
 * on the PostgreSQL server in DATABASE_URL. It is dropped when closed.
 */
export async function createTestDatabase(): Promise<Database> {
  if (getTestDatabaseKind() === "postgres") {
    const name = `faultline_test_${randomBytes(6).toString("hex")}`;
    await withAdminClient((admin) =>
      admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`),
    );
    return withDropOnClose(
      await openDatabase({ kind: "postgres", url: databaseUrlFor(name) }),
      name,
    );
  }
  const template = new Blob([fs.readFileSync(inject("pgliteTemplatePath"))]);
  return openDatabase({ kind: "pglite", dataDir: null, loadDataDir: template });
}

/** Gives the test file its own database as the process-wide one (what lib/ and routes use). */
export function provideTestDatabase(): { readonly db: Database } {
  const holder: { db?: Database } = {};
  beforeAll(async () => {
    holder.db = await createTestDatabase();
    setDb(holder.db);
  }, 60_000);
  afterAll(async () => {
    // Routes start correlation passes in the background; let them finish before the database goes.
    await waitForCorrelationIdle();
    await holder.db?.close();
  });
  return {
    get db(): Database {
      if (!holder.db) throw new Error("the test database is opened in beforeAll");
      return holder.db;
    },
  };
}
