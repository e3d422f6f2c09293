import { indexServiceGraph, positionsOf } from "./index-service-graph";
import { measureHops } from "./measure-hops";
import type { ServiceGraph } from "./schemas";

/**
 * The services a blast radius from these origins will contain (the origins, everything that
 * depends on them, everything they depend on), so their signals can be loaded first.
 */
export function listTracedServiceIds(graph: ServiceGraph, originIds: number[]): number[] {
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
  const ids: number[] = [];
  for (let position = 0; position < index.size; position++) {
    if ((up[position] ?? -1) >= 0 || (down[position] ?? -1) >= 0)
      ids.push(index.ids[position] ?? 0);
  }
  return ids;
}
