import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import { computeBlastRadius } from "./compute-blast-radius";
import {
  COLUMN_GAP,
  computeMapLayout,
  LANE_GAP,
  layoutWholeGraph,
  maxColumnRows,
  ROW_GAP,
} from "./compute-map-layout";
import { generateServiceGraph } from "./generate-service-graph";
import type { BlastRadiusEdge, BlastRadiusNode, GraphEdge, GraphService } from "./schemas";
import { SHOP_FLOWS, SHOP_SERVICES, shopEdges, shopId } from "./shop-graph.fixture";

const SHOP = buildServiceGraph(SHOP_SERVICES, shopEdges());

const node = (id: number, slug: string, depth: number): BlastRadiusNode => ({
  id,
  slug,
  name: slug,
  tier: null,
  role: depth === 0 ? "origin" : depth < 0 ? "impacted" : "suspect",
  state: "gray",
  reasons: [],
  depth,
});
const edge = (from: number, to: number): BlastRadiusEdge & GraphEdge => ({
  from,
  to,
  kind: "sync",
  criticality: "critical",
  provenance: "declared",
  disagreement: null,
});
const service = (id: number, slug: string): GraphService => ({
  id,
  slug,
  name: slug,
  tier: null,
  isUnmapped: false,
});

describe("computeMapLayout", () => {
  const radius = computeBlastRadius({
    graph: SHOP,
    originIds: [shopId("order-service")],
    signals: new Map(),
    flows: SHOP_FLOWS,
  });
  const positions = computeMapLayout(radius.nodes, radius.edges);
  const at = (slug: string) => positions.get(shopId(slug));

  it("reads left to right from callers to dependencies, one column per depth", () => {
    expect(positions.size).toBe(radius.nodes.length);
    expect(at("web-frontend")?.x).toBe(0);
    expect(at("checkout-service")?.x).toBe(0);
    expect(at("order-service")).toEqual({ x: COLUMN_GAP, y: 0 });
    expect(at("kafka")?.x).toBe(2 * COLUMN_GAP);
    expect(at("load-balancer")?.x).toBe(3 * COLUMN_GAP);
  });

  it("centres each column on y = 0, one row apart", () => {
    const column = radius.nodes
      .filter((candidate) => candidate.depth === 1)
      .map((candidate) => positions.get(candidate.id)?.y ?? Number.NaN)
      .sort((a, b) => a - b);
    expect(column).toEqual([-3, -2, -1, 0, 1, 2, 3].map((row) => row * ROW_GAP));
  });

  it("is deterministic whatever order the nodes come in", () => {
    const again = computeMapLayout([...radius.nodes].reverse(), [...radius.edges].reverse());
    expect(again).toEqual(positions);
  });

  it("orders a column by its neighbours in the previous one, removing a crossing", () => {
    const nodes = [node(1, "a", 0), node(2, "b", 0), node(3, "c", 1), node(4, "d", 1)];
    // By slug alone a–d and b–c would cross.
    const layout = computeMapLayout(nodes, [edge(1, 4), edge(2, 3)]);
    const y = (id: number) => layout.get(id)?.y ?? Number.NaN;
    expect(y(1)).toBeLessThan(y(2));
    expect(y(4)).toBeLessThan(y(3));
  });

  it("places a node listed twice once", () => {
    const nodes = [node(1, "a", 0), node(1, "a", 0), node(2, "b", 1)];
    const layout = computeMapLayout(nodes, [edge(1, 2)]);
    expect([...layout.entries()]).toEqual([
      [1, { x: 0, y: 0 }],
      [2, { x: COLUMN_GAP, y: 0 }],
    ]);
  });

  it("breaks ties by slug and ignores edges to unknown nodes", () => {
    const nodes = [node(1, "root", 0), node(3, "zeta", 1), node(2, "alpha", 1)];
    const layout = computeMapLayout(nodes, [edge(1, 2), edge(1, 3), edge(1, 99)]);
    expect(layout.get(2)).toEqual({ x: COLUMN_GAP, y: -ROW_GAP / 2 });
    expect(layout.get(3)).toEqual({ x: COLUMN_GAP, y: ROW_GAP / 2 });
    expect(layout.has(99)).toBe(false);
  });

  it("deals a column too tall for the screen into lanes, keeping its top-to-bottom order", () => {
    // 1 origin and 200 dependencies: √(1.5 × 201) → at most 18 rows a lane, so 12 lanes.
    const nodes = [node(1, "origin", 0)];
    for (let id = 2; id <= 201; id++) nodes.push(node(id, `dep-${String(id).padStart(3, "0")}`, 1));
    const layout = computeMapLayout(nodes, []);
    const column = nodes.slice(1).map((candidate) => layout.get(candidate.id) ?? { x: 0, y: 0 });
    const lanes = new Set(column.map((position) => position.x));
    expect(maxColumnRows(201)).toBe(18);
    expect([...lanes].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, lane) => COLUMN_GAP + lane * LANE_GAP),
    );
    const ys = column.map((position) => position.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(200);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(18 * ROW_GAP);
    expect(ys[0]).toBeCloseTo(-(ys.at(-1) ?? 0));
    // Whatever follows a wrapped column starts past its last lane.
    const next = computeMapLayout([...nodes, node(999, "leaf", 2)], []);
    expect(next.get(999)?.x).toBe(COLUMN_GAP + 11 * LANE_GAP + COLUMN_GAP);
  });

  // How fast is bench/blast-radius.ts's job; this checks that a graph this size is laid out whole.
  it("places each of 10,000 nodes at its own position", () => {
    const generated = generateServiceGraph({ services: 10_000, edges: 50_000, seed: 3 });
    const nodes = generated.services.map((s, i) => node(s.id, s.slug, (i % 11) - 5));
    const edges = generated.edges.map((e) => edge(e.from, e.to));
    const layout = computeMapLayout(nodes, edges);
    expect(layout.size).toBe(10_000);
    expect(new Set([...layout.values()].map(({ x, y }) => `${x},${y}`)).size).toBe(10_000);
  });
});

describe("layoutWholeGraph", () => {
  it("puts services nobody depends on first and each other one past its furthest caller", () => {
    const positions = layoutWholeGraph(SHOP);
    const column = (slug: string) => (positions.get(shopId(slug))?.x ?? Number.NaN) / COLUMN_GAP;
    expect(positions.size).toBe(25);
    expect(column("web-frontend")).toBe(0);
    expect(column("checkout-service")).toBe(0);
    expect(column("email-service")).toBe(0);
    expect(column("order-service")).toBe(1);
    // checkout → order → inventory → gateway → balancer is the longest way down.
    expect(column("inventory-service")).toBe(2);
    expect(column("api-gateway-1")).toBe(3);
    expect(column("load-balancer")).toBe(4);
    expect(column("kafka")).toBe(2);
  });

  it("places every service of a cycle once, entered where its caller leads", () => {
    const services = ["root", "a", "b", "c", "x", "y"].map((slug, i) => service(i + 1, slug));
    const graph = buildServiceGraph(services, [
      edge(1, 2),
      edge(2, 3),
      edge(3, 4),
      edge(4, 2),
      edge(5, 6),
      edge(6, 5),
    ]);
    const positions = layoutWholeGraph(graph);
    const column = (id: number) => (positions.get(id)?.x ?? Number.NaN) / COLUMN_GAP;
    expect([1, 2, 3, 4].map(column)).toEqual([0, 1, 2, 3]);
    expect([5, 6].map(column)).toEqual([0, 1]);
  });

  it("lays out a 10,000-service catalog whole, the same way every time", () => {
    const generated = generateServiceGraph({ services: 10_000, edges: 50_000, seed: 5 });
    const graph = buildServiceGraph(generated.services, generated.edges);
    const positions = layoutWholeGraph(graph);
    expect(positions.size).toBe(10_000);
    expect(new Set([...positions.values()].map(({ x, y }) => `${x},${y}`)).size).toBe(10_000);
    expect(layoutWholeGraph(graph)).toEqual(positions);
  });
});
