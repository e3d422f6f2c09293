import { describe, expect, it } from "vitest";
import { ZIncidentListQuery } from "./schemas";

describe("ZIncidentListQuery", () => {
  it("expands open to the three unresolved statuses", () => {
    expect(ZIncidentListQuery.parse({ status: "open" }).status).toEqual([
      "triggered",
      "acknowledged",
      "mitigated",
    ]);
  });
  it("takes a comma-separated list and a limit", () => {
    expect(ZIncidentListQuery.parse({ status: "resolved,triggered", limit: "5" })).toEqual({
      status: ["resolved", "triggered"],
      limit: 5,
    });
  });
  it("rejects unknown statuses, naming them", () => {
    const result = ZIncidentListQuery.safeParse({ status: "fixed" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('"fixed"');
  });
});
