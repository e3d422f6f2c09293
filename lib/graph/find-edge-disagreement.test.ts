import { describe, expect, it } from "vitest";
import { findEdgeDisagreement, toBlastRadiusEdge } from "./find-edge-disagreement";

describe("findEdgeDisagreement", () => {
  it("flags declared edges only once traffic is observed, observed-only edges always", () => {
    expect(findEdgeDisagreement("declared", true)).toBe("declared-but-unobserved");
    expect(findEdgeDisagreement("declared", false)).toBeNull();
    expect(findEdgeDisagreement("observed", true)).toBe("observed-but-undeclared");
    expect(findEdgeDisagreement("both", true)).toBeNull();
  });

  it("copies the edge's fields", () => {
    const edge = {
      from: 1,
      to: 2,
      kind: "data",
      criticality: "optional",
      provenance: "observed",
    } as const;
    expect(toBlastRadiusEdge(edge, true)).toEqual({
      ...edge,
      disagreement: "observed-but-undeclared",
    });
  });
});
