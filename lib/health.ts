import { getDb } from "./db";

export type Health = {
  status: "ok";
  database: "pglite" | "postgres";
  /** Alerts stored but not yet correlated into incidents: near 0 unless a storm is arriving. */
  correlationBacklog: number;
};

/** Throws (→ 503) when the database cannot answer a trivial query. */
export async function checkDatabaseHealth(): Promise<Health> {
  const db = await getDb();
  const [row] = await db.query<{ pending: number }>(
    "SELECT count(*)::int AS pending FROM alerts WHERE correlated_at IS NULL",
    [],
  );
  return { status: "ok", database: db.target.kind, correlationBacklog: row?.pending ?? 0 };
}
