import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import { findCommonCause } from "./find-common-cause";
import type { GraphEdge, GraphService, NodeState } from "./schemas";
import { SHOP_SERVICES, shopEdges, shopId } from "./shop-graph.fixture";

const SHOP = buildServiceGraph(SHOP_SERVICES, shopEdges());
const RED = ["order-service", "inventory-service", "web-frontend"];

function statesOf(red: string[], others: [string, NodeState][] = []): Map<number, NodeState> {
  return new Map([
    ...red.map((slug): [number, NodeState] => [shopId(slug), "red"]),
    ...others.map(([slug, state]): [number, NodeState] => [shopId(slug), state]),
  ]);
}

/** A small graph from "a>b" pairs; services are named by their slug, tier from `tiers`. */
function graphOf(pairs: string[], tiers: Record<string, number> = {}) {
  const slugs = [...new Set(pairs.flatMap((pair) => pair.split(">")))];
  const services: GraphService[] = slugs.map((slug, index) => ({
    id: index + 1,
    slug,
    name: slug,
    tier: tiers[slug] ?? null,
    isUnmapped: false,
  }));
  const id = (slug: string) => slugs.indexOf(slug) + 1;
  const edges: GraphEdge[] = pairs.map((pair) => {
    const [from = "", to = ""] = pair.split(">");
    return {
      from: id(from),
      to: id(to),
      kind: "sync",
      criticality: "optional",
      provenance: "declared",
    };
  });
  return { graph: buildServiceGraph(services, edges), id };
}

describe("findCommonCause", () => {
  it("points at the gateway pair when orders, inventory and the storefront are red", () => {
    const candidates = findCommonCause(SHOP, RED.map(shopId), statesOf(RED));
    expect(candidates.map((candidate) => [candidate.slug, candidate.meanDistance])).toEqual([
      ["api-gateway-1", 1],
      ["api-gateway-2", 1],
      ["redis-cache", 1.33],
      ["inventory-db", 2],
      ["load-balancer", 2],
    ]);
    expect(candidates[0]).toMatchObject({
      serviceId: shopId("api-gateway-1"),
      sharedBy: RED,
      state: "gray",
      reason: "All 3 red services depend on it, 1 hop away on average",
    });
    // inventory-service is nearer, but red itself: the others rank first.
    expect(candidates.map((candidate) => candidate.slug)).not.toContain("inventory-service");
  });

  it("orders by score, best first", () => {
    const scores = findCommonCause(SHOP, RED.map(shopId), statesOf(RED)).map((c) => c.score);
    // Shared by all (1,000,000) + nearness in 1/100 hops × 10 + state × 2 + tier 1; ties by slug.
    expect(scores).toEqual([1_099_001, 1_099_001, 1_098_670, 1_098_001, 1_098_001]);
  });

  it("breaks a distance tie by the candidate's own state", () => {
    const states = statesOf(RED, [["load-balancer", "amber"]]);
    const candidates = findCommonCause(SHOP, RED.map(shopId), states);
    expect(candidates.map((candidate) => candidate.slug).slice(3)).toEqual([
      "load-balancer",
      "inventory-db",
    ]);
    expect(candidates[3]?.reason).toBe(
      "All 3 red services depend on it, 2 hops away on average; itself amber",
    );
  });

  it("breaks a remaining tie by tier 1 first, then slug", () => {
    const { graph, id } = graphOf(["a>aaa", "b>aaa", "a>zzz", "b>zzz", "a>mmm", "b>mmm"], {
      zzz: 1,
      aaa: 3,
    });
    const candidates = findCommonCause(graph, [id("a"), id("b")], new Map());
    expect(candidates.map((candidate) => candidate.slug)).toEqual(["zzz", "aaa", "mmm"]);
  });

  it("ranks a red service the other red ones depend on after shared dependencies", () => {
    const { graph, id } = graphOf(["a>b", "b>c"]);
    const states = new Map<number, NodeState>([
      [id("a"), "red"],
      [id("b"), "red"],
    ]);
    const candidates = findCommonCause(graph, [id("a"), id("b")], states);
    expect(candidates).toEqual([
      expect.objectContaining({ slug: "c", sharedBy: ["a", "b"], meanDistance: 1.5 }),
      expect.objectContaining({
        slug: "b",
        sharedBy: ["a"],
        meanDistance: 0.5,
        state: "red",
        reason: "Red itself, and the other 1 red service depends on it, 0.5 hops away on average",
      }),
    ]);
  });

  it("finds nothing with fewer than two red services or no shared dependency", () => {
    expect(findCommonCause(SHOP, [shopId("order-service")], statesOf(["order-service"]))).toEqual(
      [],
    );
    expect(
      findCommonCause(SHOP, [shopId("order-service"), shopId("order-service"), 999], new Map()),
    ).toEqual([]);
    const { graph, id } = graphOf(["a>x", "b>y"]);
    expect(findCommonCause(graph, [id("a"), id("b")], new Map())).toEqual([]);
  });

  it("follows every edge through cycles, and returns at most five", () => {
    const pairs = ["a>b", "b>a", "a>hub", "b>hub"];
    for (let i = 0; i < 8; i++) pairs.push(`hub>leaf-${i}`);
    const { graph, id } = graphOf(pairs);
    const candidates = findCommonCause(graph, [id("a"), id("b")], new Map());
    expect(candidates).toHaveLength(5);
    expect(candidates[0]).toMatchObject({ slug: "hub", meanDistance: 1 });
    expect(candidates.slice(1).map((candidate) => candidate.meanDistance)).toEqual([2, 2, 2, 2]);
  });
});
