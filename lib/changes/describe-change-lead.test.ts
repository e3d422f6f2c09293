import { describe, expect, it } from "vitest";
import { describeChangeLead } from "./describe-change-lead";

const first = new Date("2026-12-02T10:00:00Z");
const change = (at: string) => ({
  service: "order-service",
  kind: "deploy",
  version: "v42",
  at: new Date(at),
});

describe("describeChangeLead", () => {
  it("says how long before (or after) the first alert the change came", () => {
    expect(describeChangeLead(change("2026-12-02T09:56:00Z"), first)).toBe(
      "order-service deploy v42, 4 min before the first alert",
    );
    expect(describeChangeLead(change("2026-12-02T08:35:00Z"), first)).toBe(
      "order-service deploy v42, 1 h 25 min before the first alert",
    );
    expect(describeChangeLead(change("2026-12-02T10:02:00Z"), first)).toBe(
      "order-service deploy v42, 2 min after the first alert",
    );
    expect(describeChangeLead({ ...change("2026-12-02T10:00:10Z"), version: null }, first)).toBe(
      "order-service deploy, at the first alert",
    );
  });
});
