import { describe, expect, it } from "vitest";
import { STORE_DELIVERIES_SQL } from "@/lib/ingest/store-delivery";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();

type PlanNode = { "Node Type": string; "Relation Name"?: string; Plans?: PlanNode[] };

function tableScans(node: PlanNode): string[] {
  const own = node["Node Type"] === "Seq Scan" ? [node["Relation Name"] ?? "?"] : [];
  return [...own, ...(node.Plans ?? []).flatMap(tableScans)];
}

describe("the prepared statement that stores deliveries", () => {
  // On PostgreSQL it is a named prepared statement: after a few calls the server may keep one
  // generic plan per connection, made from whatever the statistics said then. Made while the
  // tables were empty, a plan that scans them stays in use as they grow to millions of alerts.
  it("probes indexes in its generic plan, even one made while the tables are empty", async () => {
    const rows = await testDb.db.withSession(async (session) => {
      await session.exec("SET plan_cache_mode = force_generic_plan");
      await session.exec(`PREPARE store_plan_probe(jsonb, jsonb) AS ${STORE_DELIVERIES_SQL}`);
      try {
        return await session.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
          "EXPLAIN (FORMAT JSON) EXECUTE store_plan_probe('[]', '[]')",
        );
      } finally {
        await session.exec("DEALLOCATE store_plan_probe; RESET plan_cache_mode");
      }
    });
    const plan = rows[0]?.["QUERY PLAN"][0].Plan;
    expect(plan).toBeDefined();
    expect(tableScans(plan as PlanNode)).toEqual([]);
  });
});
