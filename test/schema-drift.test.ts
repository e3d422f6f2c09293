import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeDatabase, describePrismaSchema, diffSchemaShapes } from "./helpers/schema-drift";
import { provideTestDatabase } from "./helpers/test-database";

const schemaText = fs.readFileSync(
  path.join(import.meta.dirname, "..", "prisma", "schema.prisma"),
  "utf8",
);

describe("schema.prisma and the committed migrations", () => {
  const testDb = provideTestDatabase();

  it("describe the same tables, columns, types, nullability, indexes, foreign keys and enums", async () => {
    const actual = await testDb.db.withSession(describeDatabase);
    const expected = describePrismaSchema(schemaText);
    expect(Object.keys(expected.tables).length).toBeGreaterThanOrEqual(6);
    expect(diffSchemaShapes(expected, actual)).toEqual([]);
  });

  it("would notice a column added to schema.prisma without a migration", async () => {
    const actual = await testDb.db.withSession(describeDatabase);
    const edited = schemaText.replace(
      /model Service \{\n/,
      'model Service {\n  escalationPolicy String? @map("escalation_policy")\n',
    );
    expect(edited).not.toBe(schemaText);
    expect(diffSchemaShapes(describePrismaSchema(edited), actual)).toEqual([
      "column services.escalation_policy is in schema.prisma but no migration creates it",
    ]);
  });

  it("would notice a changed type, nullability or a missing index", async () => {
    const actual = await testDb.db.withSession(describeDatabase);
    const edited = schemaText
      .replace("  tier           Int?\n", "  tier           String?\n")
      .replace(
        "  name            String\n  severity        Severity\n",
        "  name            String?\n  severity        Severity\n",
      )
      .replace("  @@index([correlatedAt])\n", "");
    expect(diffSchemaShapes(describePrismaSchema(edited), actual)).toEqual(
      expect.arrayContaining([
        "column services.tier: schema says text, database has integer",
        "column alerts.name: schema says NULL, database differs",
        "index not in schema.prisma: alerts index alerts_correlated_at_idx (correlated_at)",
      ]),
    );
  });
});
