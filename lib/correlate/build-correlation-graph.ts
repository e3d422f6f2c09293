import type { CorrelationGraph } from "./schemas";

/** Only critical edges bind incidents together: an optional dependency failing is not the same fire. */
export function buildCorrelationGraph(
  edges: { fromServiceId: number; toServiceId: number; criticality: "critical" | "optional" }[],
): CorrelationGraph {
  const graph: CorrelationGraph = new Map();
  const link = (a: number, b: number) => {
    const neighbors = graph.get(a) ?? [];
    neighbors.push(b);
    graph.set(a, neighbors);
  };
  for (const edge of edges) {
    if (edge.criticality !== "critical" || edge.fromServiceId === edge.toServiceId) continue;
    link(edge.fromServiceId, edge.toServiceId);
    link(edge.toServiceId, edge.fromServiceId);
  }
  return graph;
}

/** Hop counts from `start` to every service within `maxHops` (breadth-first), `start` itself at 0. */
export function findServicesWithinHops(
  graph: CorrelationGraph,
  start: number,
  maxHops: number,
): Map<number, number> {
  const distances = new Map<number, number>([[start, 0]]);
  let frontier = [start];
  for (let hops = 1; hops <= maxHops && frontier.length > 0; hops++) {
    const next: number[] = [];
    for (const service of frontier) {
      for (const neighbor of graph.get(service) ?? []) {
        if (distances.has(neighbor)) continue;
        distances.set(neighbor, hops);
        next.push(neighbor);
      }
    }
    frontier = next;
  }
  return distances;
}
