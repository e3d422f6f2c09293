import { indexServiceGraph, positionsOf } from "./index-service-graph";
import { measureHops } from "./measure-hops";
import type { ServiceGraph } from "./schemas";

/**
 * The services a blast radius from these origins will contain (the origins, everything that
 * depends on them, everything they depend on), so their signals can be loaded first.
 */
export function listTracedServiceIds(graph: ServiceGraph, originIds: number[]): number[] {
  const index = indexServiceGraph(graph);
  const isTraced = traceFrom(graph, originIds);
  const ids: number[] = [];
  for (let position = 0; position < index.size; position++) {
    if (isTraced[position] === 1) ids.push(index.ids[position] ?? 0);
  }
  return ids;
}

/**
 * An incident's map traces from its origin, and also from each of its other services that the
 * origin's trace does not reach (a sibling sharing a dependency, or one the sender's grouping
 * joined), so every service the incident groups is on its map.
 */
export function listIncidentOriginIds(
  graph: ServiceGraph,
  originId: number,
  memberIds: readonly number[],
): number[] {
  const index = indexServiceGraph(graph);
  const isTraced = traceFrom(graph, [originId]);
  const origins = [originId];
  for (const id of new Set(memberIds)) {
    const position = index.positionOf.get(id);
    if (position !== undefined && isTraced[position] === 0) origins.push(id);
  }
  return origins;
}

function traceFrom(graph: ServiceGraph, originIds: number[]): Uint8Array {
  const index = indexServiceGraph(graph);
  const origins = positionsOf(index, originIds);
  const up = measureHops(index.size, origins, index.dependentStart, index.dependentSource, null);
  const down = measureHops(
    index.size,
    origins,
    index.dependencyStart,
    index.dependencyTarget,
    null,
  );
  const isTraced = new Uint8Array(index.size);
  for (let position = 0; position < index.size; position++) {
    if ((up[position] ?? -1) >= 0 || (down[position] ?? -1) >= 0) isTraced[position] = 1;
  }
  return isTraced;
}
