import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { sessionOfPgClient, sessionOfPglite } from "../../lib/db";
import { applyMigrations } from "../../lib/migrations/apply-migrations";
import { databaseUrlFor, TEMPLATE_DATABASE, withAdminClient } from "../helpers/postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
  }
}

/**
 * Migrates one template database per run; each test file then starts from a copy of it
 * (PGlite: a data-dir dump; PostgreSQL: CREATE DATABASE … TEMPLATE) instead of migrating again.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (project.name === "postgres") {
    await createPostgresTemplate();
    return;
  }
  project.provide("pgliteTemplatePath", await createPgliteTemplate());
}

async function createPgliteTemplate(): Promise<string> {
  const pglite = await PGlite.create();
  await applyMigrations({ withSession: (fn) => fn(sessionOfPglite(pglite)) });
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  const file = path.join(os.tmpdir(), `faultline-test-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

async function createPostgresTemplate(): Promise<void> {
  await withAdminClient(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const client = new pg.Client({ connectionString: databaseUrlFor(TEMPLATE_DATABASE) });
  await client.connect();
  try {
    await applyMigrations({ withSession: (fn) => fn(sessionOfPgClient(client)) });
  } finally {
    await client.end();
  }
}
