import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import { indexServiceGraph } from "./index-service-graph";
import { SHOP_SERVICES, shopEdges, shopId } from "./shop-graph.fixture";

const SHOP = buildServiceGraph(SHOP_SERVICES, shopEdges());

function neighbours(start: Int32Array, end: Int32Array, position: number): number[] {
  return [...end.subarray(start[position] ?? 0, start[position + 1] ?? 0)];
}

describe("indexServiceGraph", () => {
  const index = indexServiceGraph(SHOP);
  const at = (slug: string) => index.positionOf.get(shopId(slug)) ?? -1;
  const slugsAt = (positions: number[]) => positions.map((position) => index.slugs[position]);

  it("is built once per graph", () => {
    expect(indexServiceGraph(SHOP)).toBe(index);
    expect(indexServiceGraph(buildServiceGraph(SHOP_SERVICES, shopEdges()))).not.toBe(index);
  });

  it("holds both directions of every edge", () => {
    expect(index.size).toBe(25);
    expect(index.dependencyTarget).toHaveLength(49);
    expect(
      slugsAt(neighbours(index.dependencyStart, index.dependencyTarget, at("payment-service"))),
    ).toEqual(["payment-provider", "payments-db"]);
    expect(slugsAt(neighbours(index.dependentStart, index.dependentSource, at("kafka")))).toEqual([
      "order-service",
      "shipping-service",
      "email-service",
    ]);
  });

  it("marks optional edges weak, and keeps slug order", () => {
    const slot = index.dependencyStart[at("order-service")] ?? 0;
    // order-service's first two edges go to the gateways, optionally.
    expect([...index.dependencyIsStrong.subarray(slot, slot + 3)]).toEqual([0, 0, 1]);
    expect(index.slugs[index.bySlug[0] ?? 0]).toBe("api-gateway-1");
    expect(index.slugRank[at("web-frontend")]).toBe(24);
  });

  it("freezes the blast-radius edges it shares", () => {
    const [first] = index.dependencyBlastEdge;
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toMatchObject({ disagreement: null });
  });
});
