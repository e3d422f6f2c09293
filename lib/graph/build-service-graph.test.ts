import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import type { GraphEdge } from "./schemas";
import {
  SHOP_SERVICES,
  shopEdges,
  shopId,
  shopSlug,
  testEdge,
  testService,
} from "./shop-graph.fixture";

const slugsOf = (edges: GraphEdge[] | undefined, end: "from" | "to") =>
  (edges ?? []).map((edge) => shopSlug(edge[end]));

describe("buildServiceGraph", () => {
  it("indexes the seed shop both ways", () => {
    const graph = buildServiceGraph(SHOP_SERVICES, shopEdges());
    expect(graph.services.size).toBe(25);
    const edgeCount = [...graph.dependenciesOf.values()].reduce((n, list) => n + list.length, 0);
    expect(edgeCount).toBe(49);
    expect(slugsOf(graph.dependenciesOf.get(shopId("order-service")), "to")).toEqual([
      "api-gateway-1",
      "api-gateway-2",
      "inventory-service",
      "payment-service",
      "orders-db",
      "kafka",
      "redis-cache",
    ]);
    expect(slugsOf(graph.dependentsOf.get(shopId("kafka")), "from")).toEqual([
      "order-service",
      "shipping-service",
      "email-service",
    ]);
    expect(graph.dependentsOf.get(shopId("load-balancer"))?.length).toBe(2);
    expect(graph.dependentsOf.get(shopId("web-frontend"))).toEqual([]);
    expect(graph.dependenciesOf.get(shopId("orders-db"))).toEqual([]);
  });

  it("gives every service an entry in both maps, even without edges", () => {
    const graph = buildServiceGraph([testService(1), testService(2)], []);
    expect(graph.dependenciesOf.get(2)).toEqual([]);
    expect(graph.dependentsOf.get(2)).toEqual([]);
    expect(graph.hasObservations).toBe(false);
  });

  it("has observations as soon as one edge was observed or seen on both sides", () => {
    const declaredOnly = buildServiceGraph(SHOP_SERVICES, shopEdges());
    expect(declaredOnly.hasObservations).toBe(false);
    for (const provenance of ["observed", "both"] as const) {
      const edges = shopEdges((pair) => (pair === "order-service>kafka" ? provenance : "declared"));
      expect(buildServiceGraph(SHOP_SERVICES, edges).hasObservations).toBe(true);
    }
  });

  it("skips self-edges, edges to or from unknown services, and repeated pairs", () => {
    const graph = buildServiceGraph(
      [testService(1), testService(2)],
      [
        testEdge(1, 1, { provenance: "observed" }),
        testEdge(1, 99, { provenance: "observed" }),
        testEdge(98, 2, { provenance: "both" }),
        testEdge(1, 2),
        testEdge(1, 2, { criticality: "optional", provenance: "observed" }),
      ],
    );
    expect(graph.dependenciesOf.get(1)).toEqual([testEdge(1, 2)]);
    expect(graph.dependentsOf.get(2)).toEqual([testEdge(1, 2)]);
    expect(graph.dependentsOf.get(1)).toEqual([]);
    expect(graph.services.has(99)).toBe(false);
    // Only kept edges count: all the observed ones above were dropped.
    expect(graph.hasObservations).toBe(false);
  });

  it("keeps the first of two services with the same id", () => {
    const graph = buildServiceGraph([testService(1), { ...testService(1), slug: "again" }], []);
    expect(graph.services.get(1)?.slug).toBe("s1");
  });

  it("keeps edges waiting for their far end by the service that declared them", () => {
    const pending = {
      targetRef: "resource:artists-db",
      kind: "data",
      criticality: "critical",
    } as const;
    const graph = buildServiceGraph(
      [testService(1), testService(2)],
      [testEdge(1, 2)],
      [
        { from: 1, ...pending },
        { from: 99, ...pending },
      ],
    );
    expect(graph.pendingOf.get(1)).toEqual([{ from: 1, ...pending }]);
    expect(graph.pendingOf.has(99)).toBe(false);
  });
});
