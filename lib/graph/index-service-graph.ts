import { toBlastRadiusEdge } from "./find-edge-disagreement";
import { isStrongEdge } from "./is-strong-edge";
import type { BlastRadiusEdge, GraphEdge, ServiceGraph } from "./schemas";

/**
 * The graph as flat arrays over positions 0..size-1 (compressed adjacency), for walks that run
 * on every incident page view over catalogs of thousands of services. The dependencies of
 * position p are `dependencyTarget[dependencyStart[p] .. dependencyStart[p + 1])`.
 */
export type GraphIndex = {
  size: number;
  ids: number[];
  positionOf: Map<number, number>;
  slugs: string[];
  names: string[];
  tiers: (number | null)[];
  /** Rank of each position in slug order, for cheap deterministic tie-breaks. */
  slugRank: Int32Array;
  /** Positions in slug order. */
  bySlug: Int32Array;
  dependencyStart: Int32Array;
  dependencyTarget: Int32Array;
  dependencyEdge: GraphEdge[];
  /** The same edges as blast-radius edges, frozen: every blast radius shares them. */
  dependencyBlastEdge: readonly Readonly<BlastRadiusEdge>[];
  dependentStart: Int32Array;
  dependentSource: Int32Array;
  /** 1 when the edge is strong: critical and, once traffic is observed, seen in it. */
  dependencyIsStrong: Uint8Array;
  dependentIsStrong: Uint8Array;
};

// A graph is built once per catalog version and never mutated, so its index is too.
const indexes = new WeakMap<ServiceGraph, GraphIndex>();

/** The positions of these service ids in the index, each once; unknown ids are dropped. */
export function positionsOf(index: GraphIndex, ids: readonly number[]): number[] {
  const positions: number[] = [];
  for (const id of new Set(ids)) {
    const position = index.positionOf.get(id);
    if (position !== undefined) positions.push(position);
  }
  return positions;
}

export function indexServiceGraph(graph: ServiceGraph): GraphIndex {
  const cached = indexes.get(graph);
  if (cached) return cached;
  const index = buildIndex(graph);
  indexes.set(graph, index);
  return index;
}

function buildIndex(graph: ServiceGraph): GraphIndex {
  const ids = [...graph.services.keys()];
  const size = ids.length;
  const positionOf = new Map<number, number>();
  const slugs: string[] = [];
  const names: string[] = [];
  const tiers: (number | null)[] = [];
  for (const [position, id] of ids.entries()) {
    const service = graph.services.get(id);
    positionOf.set(id, position);
    slugs.push(service?.slug ?? String(id));
    names.push(service?.name ?? String(id));
    tiers.push(service?.tier ?? null);
  }

  const slugRank = new Int32Array(size);
  const bySlug = Int32Array.from(ids.keys()).sort((a, b) =>
    compareStrings(slugs[a] ?? "", slugs[b] ?? ""),
  );
  for (const [rank, position] of bySlug.entries()) slugRank[position] = rank;

  const dependencyStart = new Int32Array(size + 1);
  const dependentStart = new Int32Array(size + 1);
  const dependencyEdge: GraphEdge[] = [];
  const forward: number[] = [];
  for (const [position, id] of ids.entries()) {
    dependencyStart[position] = dependencyEdge.length;
    for (const edge of graph.dependenciesOf.get(id) ?? []) {
      const target = positionOf.get(edge.to);
      if (target === undefined) continue;
      dependencyEdge.push(edge);
      forward.push(target);
      dependentStart[target + 1] = (dependentStart[target + 1] ?? 0) + 1;
    }
  }
  dependencyStart[size] = dependencyEdge.length;
  for (let position = 0; position < size; position++) {
    dependentStart[position + 1] =
      (dependentStart[position + 1] ?? 0) + (dependentStart[position] ?? 0);
  }

  const edgeCount = dependencyEdge.length;
  const dependencyTarget = Int32Array.from(forward);
  const dependencyBlastEdge = dependencyEdge.map((edge) =>
    Object.freeze(toBlastRadiusEdge(edge, graph.hasObservations)),
  );
  const dependencyIsStrong = new Uint8Array(edgeCount);
  const dependentSource = new Int32Array(edgeCount);
  const dependentIsStrong = new Uint8Array(edgeCount);
  const fill = dependentStart.slice(0, size);
  for (let position = 0; position < size; position++) {
    const end = dependencyStart[position + 1] ?? 0;
    for (let slot = dependencyStart[position] ?? 0; slot < end; slot++) {
      const edge = dependencyEdge[slot];
      const strong = edge && isStrongEdge(edge, graph.hasObservations) ? 1 : 0;
      dependencyIsStrong[slot] = strong;
      const target = dependencyTarget[slot] ?? 0;
      const reverseSlot = fill[target] ?? 0;
      fill[target] = reverseSlot + 1;
      dependentSource[reverseSlot] = position;
      dependentIsStrong[reverseSlot] = strong;
    }
  }

  return {
    size,
    ids,
    positionOf,
    slugs,
    names,
    tiers,
    slugRank,
    bySlug,
    dependencyStart,
    dependencyTarget,
    dependencyEdge,
    dependencyBlastEdge,
    dependentStart,
    dependentSource,
    dependencyIsStrong,
    dependentIsStrong,
  };
}

/** UTF-16 code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
