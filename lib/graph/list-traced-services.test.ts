import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import { computeBlastRadius } from "./compute-blast-radius";
import { listIncidentOriginIds, listTracedServiceIds } from "./list-traced-services";
import { SHOP_SERVICES, shopEdges, shopId } from "./shop-graph.fixture";

describe("listTracedServiceIds", () => {
  it("lists exactly the services the blast radius will contain", () => {
    const graph = buildServiceGraph(SHOP_SERVICES, shopEdges());
    for (const origin of ["order-service", "search-index", "load-balancer"]) {
      const traced = listTracedServiceIds(graph, [shopId(origin)]).sort((a, b) => a - b);
      const nodes = computeBlastRadius({
        graph,
        originIds: [shopId(origin)],
        signals: new Map(),
        flows: [],
      }).nodes;
      expect(traced).toEqual(nodes.map((node) => node.id).sort((a, b) => a - b));
    }
  });
});

describe("listIncidentOriginIds", () => {
  const graph = buildServiceGraph(SHOP_SERVICES, shopEdges());
  it("adds the incident's services that the origin's trace misses, and only those", () => {
    // search-service is unrelated to order-service; orders-db and web-frontend are traced from it.
    const members = ["orders-db", "web-frontend", "search-index", "order-service"].map(shopId);
    const origins = listIncidentOriginIds(graph, shopId("order-service"), members);
    expect(origins).toEqual([shopId("order-service"), shopId("search-index")]);
    const traced = new Set(listTracedServiceIds(graph, origins));
    for (const member of members) expect(traced.has(member)).toBe(true);
  });
  it("is just the origin when the trace reaches every service", () => {
    expect(listIncidentOriginIds(graph, shopId("order-service"), [shopId("orders-db")])).toEqual([
      shopId("order-service"),
    ]);
  });
});
