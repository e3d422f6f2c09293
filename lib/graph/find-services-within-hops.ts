import { indexServiceGraph } from "./index-service-graph";
import type { ServiceGraph } from "./schemas";

/**
 * Hop counts from `startId` to every service within `maxHops` strong edges, in either direction
 * (for grouping alerts, who depends on whom does not matter), `startId` itself at 0. A service
 * the graph does not know is near only to itself.
 */
export function findServicesWithinHops(
  graph: ServiceGraph,
  startId: number,
  maxHops: number,
): Map<number, number> {
  const distances = new Map<number, number>([[startId, 0]]);
  const index = indexServiceGraph(graph);
  const start = index.positionOf.get(startId);
  if (start === undefined) return distances;
  const seen = new Uint8Array(index.size);
  seen[start] = 1;
  let frontier = [start];
  for (let hops = 1; hops <= maxHops && frontier.length > 0; hops++) {
    const next: number[] = [];
    const visit = (neighbour: number) => {
      if (seen[neighbour] === 1) return;
      seen[neighbour] = 1;
      distances.set(index.ids[neighbour] ?? 0, hops);
      next.push(neighbour);
    };
    for (const position of frontier) {
      const dependencyEnd = index.dependencyStart[position + 1] ?? 0;
      for (let slot = index.dependencyStart[position] ?? 0; slot < dependencyEnd; slot++) {
        if (index.dependencyIsStrong[slot] === 1) visit(index.dependencyTarget[slot] ?? 0);
      }
      const dependentEnd = index.dependentStart[position + 1] ?? 0;
      for (let slot = index.dependentStart[position] ?? 0; slot < dependentEnd; slot++) {
        if (index.dependentIsStrong[slot] === 1) visit(index.dependentSource[slot] ?? 0);
      }
    }
    frontier = next;
  }
  return distances;
}

/**
 * Whether the graph knows anything about where this service sits: a catalog declares it, or
 * some edge touches it. Services first seen in an alert and linked to nothing are not placed.
 */
export function isPlacedInGraph(graph: ServiceGraph, serviceId: number): boolean {
  const service = graph.services.get(serviceId);
  if (!service) return false;
  if (!service.isUnmapped) return true;
  return (
    (graph.dependenciesOf.get(serviceId)?.length ?? 0) > 0 ||
    (graph.dependentsOf.get(serviceId)?.length ?? 0) > 0
  );
}
