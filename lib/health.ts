import { getDb } from "./db";

export type Health = { status: "ok"; database: "pglite" | "postgres" };

/** Throws (→ 503) when the database cannot answer a trivial query. */
export async function checkDatabaseHealth(): Promise<Health> {
  const db = await getDb();
  await db.prisma.$queryRawUnsafe("SELECT 1");
  return { status: "ok", database: db.target.kind };
}
