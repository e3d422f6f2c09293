import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import { findServicesWithinHops, isPlacedInGraph } from "./find-services-within-hops";
import { testEdge, testService } from "./shop-graph.fixture";

describe("findServicesWithinHops", () => {
  // 1 -> 2 -> 3 -> 4, and 5 -> 3: 1 and 5 are siblings two hops apart through 2 and 3.
  const chain = buildServiceGraph(
    [1, 2, 3, 4, 5].map((id) => testService(id)),
    [testEdge(1, 2), testEdge(2, 3), testEdge(3, 4), testEdge(5, 3)],
  );

  it("walks strong edges in both directions up to the hop limit", () => {
    expect(Object.fromEntries(findServicesWithinHops(chain, 3, 1))).toEqual({
      3: 0,
      2: 1,
      4: 1,
      5: 1,
    });
    expect(Object.fromEntries(findServicesWithinHops(chain, 1, 2))).toEqual({ 1: 0, 2: 1, 3: 2 });
    expect(findServicesWithinHops(chain, 5, 3).get(1)).toBe(3);
  });

  it("does not cross optional edges", () => {
    const graph = buildServiceGraph(
      [1, 2, 3].map((id) => testService(id)),
      [testEdge(1, 2, { criticality: "optional" }), testEdge(2, 3)],
    );
    expect([...findServicesWithinHops(graph, 1, 5).keys()]).toEqual([1]);
    expect([...findServicesWithinHops(graph, 3, 5).keys()].sort()).toEqual([2, 3]);
  });

  it("does not cross declared edges never seen in traffic, once traffic is known", () => {
    const graph = buildServiceGraph(
      [1, 2, 3].map((id) => testService(id)),
      [testEdge(1, 2), testEdge(2, 3, { provenance: "observed" })],
    );
    expect([...findServicesWithinHops(graph, 2, 5).keys()].sort()).toEqual([2, 3]);
  });

  it("knows only the start for a service outside the graph", () => {
    expect(Object.fromEntries(findServicesWithinHops(chain, 99, 2))).toEqual({ 99: 0 });
  });
});

describe("isPlacedInGraph", () => {
  const graph = buildServiceGraph(
    [testService(1), testService(2, true), testService(3, true)],
    [testEdge(1, 2, { provenance: "observed" })],
  );
  it("places catalog services and unmapped ones some edge touches, nothing else", () => {
    expect(isPlacedInGraph(graph, 1)).toBe(true);
    expect(isPlacedInGraph(graph, 2)).toBe(true);
    expect(isPlacedInGraph(graph, 3)).toBe(false);
    expect(isPlacedInGraph(graph, 4)).toBe(false);
  });
});
