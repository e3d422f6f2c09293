import { describe, expect, it } from "vitest";
import { isStrongEdge } from "./is-strong-edge";
import type { GraphEdge } from "./schemas";

describe("isStrongEdge", () => {
  const edge = (overrides: Partial<GraphEdge>): GraphEdge => ({
    from: 1,
    to: 2,
    kind: "sync",
    criticality: "critical",
    provenance: "declared",
    ...overrides,
  });
  it("needs critical, and seen in traffic once there is traffic", () => {
    expect(isStrongEdge(edge({}), false)).toBe(true);
    expect(isStrongEdge(edge({}), true)).toBe(false);
    expect(isStrongEdge(edge({ provenance: "observed" }), true)).toBe(true);
    expect(isStrongEdge(edge({ provenance: "both" }), true)).toBe(true);
    expect(isStrongEdge(edge({ criticality: "optional", provenance: "both" }), true)).toBe(false);
  });
});
