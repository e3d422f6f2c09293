import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import { computeBlastRadius } from "./compute-blast-radius";
import { listTracedServiceIds } from "./list-traced-services";
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
