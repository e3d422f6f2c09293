import pg from "pg";

/** Migrated once per test run; every test file copies it. */
export const TEMPLATE_DATABASE = "faultline_test_template";

export function databaseUrlFor(database: string): string {
  const raw = process.env.DATABASE_URL;
  if (!raw) throw new Error("PostgreSQL tests need DATABASE_URL");
  const url = new URL(raw);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A connection to the server's maintenance database (the one DATABASE_URL names). */
export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
