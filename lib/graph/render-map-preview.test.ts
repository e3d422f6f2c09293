import { describe, expect, it } from "vitest";
import { renderMapPreview } from "./render-map-preview";

const COLOURS = { red: "#d00", amber: "#fa0", gray: "#aaa" };

describe("renderMapPreview", () => {
  const svg = renderMapPreview(
    {
      nodes: [
        {
          id: 1,
          slug: "orders",
          name: "Orders",
          tier: 1,
          role: "origin",
          state: "red",
          reasons: [],
          depth: 0,
        },
        {
          id: 2,
          slug: "db<x>",
          name: "DB",
          tier: 2,
          role: "suspect",
          state: "amber",
          reasons: [],
          depth: 1,
        },
      ],
      edges: [
        {
          from: 1,
          to: 2,
          kind: "data",
          criticality: "optional",
          provenance: "declared",
          disagreement: "declared-but-unobserved",
        },
      ],
      originIds: [1],
      verdict: { kind: "spreading", text: 'Spreading: 1 "services"', services: 1, tier1: 0 },
      positions: { 1: { x: 0, y: 0 }, 2: { x: 180, y: 60 } },
    },
    COLOURS,
  );

  it("fills each service by its state and outlines the origin", () => {
    expect(svg).toContain('fill="#d00" class="origin" data-slug="orders" data-state="red"');
    expect(svg).toContain('fill="#fa0" data-slug="db&#60;x&#62;" data-state="amber"');
    expect(svg).toContain("orders ★");
  });

  it("draws edges at the layout's positions, classed like the interactive map", () => {
    expect(svg).toContain(
      '<line x1="0" y1="0" x2="180" y2="60" class="optional declared-but-unobserved"/>',
    );
    expect(svg).toMatch(/viewBox="-40 -40 260 140"/);
  });

  it("escapes what the catalog wrote", () => {
    expect(svg).toContain("db&#60;x&#62;");
    expect(svg).toContain("Spreading: 1 &#34;services&#34;");
    expect(svg).not.toContain("<x>");
  });
});
