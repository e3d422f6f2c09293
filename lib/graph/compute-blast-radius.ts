import { assessNodeState, describeStateRules } from "./assess-node-state";
import { findCommonCause } from "./find-common-cause";
import { type GraphIndex, indexServiceGraph, positionsOf } from "./index-service-graph";
import { measureHops } from "./measure-hops";
import type {
  BlastRadius,
  BlastRadiusEdge,
  BlastRadiusNode,
  BusinessFlow,
  NodeRole,
  NodeState,
  ServiceGraph,
  ServiceSignals,
  Verdict,
} from "./schemas";

export type BlastRadiusInput = {
  graph: ServiceGraph;
  originIds: number[];
  signals: Map<number, ServiceSignals>;
  flows: BusinessFlow[];
};

/**
 * What an incident on the origins touches: callers that hurt (impacted, against the edges),
 * dependencies that may be the cause (suspects, along them), each coloured by its signals.
 * Nodes come ordered by depth, then slug; edges by their caller, in that order.
 */
export function computeBlastRadius(input: BlastRadiusInput): BlastRadius {
  const { graph, signals, flows } = input;
  const index = indexServiceGraph(graph);
  const origins = positionsOf(index, input.originIds);
  const { size } = index;
  const up = measureHops(size, origins, index.dependentStart, index.dependentSource, null);
  const down = measureHops(size, origins, index.dependencyStart, index.dependencyTarget, null);
  const strongUp = measureHops(
    size,
    origins,
    index.dependentStart,
    index.dependentSource,
    index.dependentIsStrong,
  );
  const strongDown = measureHops(
    size,
    origins,
    index.dependencyStart,
    index.dependencyTarget,
    index.dependencyIsStrong,
  );

  // A service both upstream and downstream of the origins sits at its suspect depth.
  const depthOf = new Int32Array(size);
  const isIncluded = new Uint8Array(size);
  for (let position = 0; position < size; position++) {
    const downHops = down[position] ?? -1;
    const upHops = up[position] ?? -1;
    if (downHops < 0 && upHops < 0) continue;
    isIncluded[position] = 1;
    depthOf[position] = downHops >= 0 ? downHops : -upHops;
  }
  const included = orderByDepthThenSlug(index, isIncluded, depthOf);

  const nodes: BlastRadiusNode[] = [];
  const redIds: number[] = [];
  const affectedSlugs = new Set<string>();
  let spreadCount = 0;
  let spreadTier1 = 0;
  for (const position of included) {
    const role = toRole(up[position] ?? -1, down[position] ?? -1);
    const isStrong = isStronglyReached(role, strongUp[position] ?? -1, strongDown[position] ?? -1);
    const id = index.ids[position] ?? 0;
    const slug = index.slugs[position] ?? String(id);
    const tier = index.tiers[position] ?? null;
    const { state, reasons, isAffected } = assessNodeState(signals.get(id), !isStrong);
    if (state === "red") redIds.push(id);
    if (isAffected || role === "origin") affectedSlugs.add(slug);
    if (isAffected && role !== "origin") {
      spreadCount++;
      if (tier === 1) spreadTier1++;
    }
    const name = index.names[position] ?? slug;
    nodes.push({ id, slug, name, tier, role, state, reasons, depth: depthOf[position] ?? 0 });
  }

  const edges: BlastRadiusEdge[] = [];
  for (const position of included) {
    const end = index.dependencyStart[position + 1] ?? 0;
    for (let slot = index.dependencyStart[position] ?? 0; slot < end; slot++) {
      const edge = index.dependencyBlastEdge[slot];
      if (edge && isIncluded[index.dependencyTarget[slot] ?? 0] === 1) edges.push(edge);
    }
  }

  const originSlugs = origins.map((position) => index.slugs[position] ?? "");
  return {
    originIds: origins.map((position) => index.ids[position] ?? 0),
    nodes,
    edges,
    verdict: toVerdict(originSlugs, spreadCount, spreadTier1),
    impactedFlows: flows.flatMap((flow) => {
      const affectedServices = flow.serviceSlugs.filter((slug) => affectedSlugs.has(slug));
      return affectedServices.length > 0 ? [{ ...flow, affectedServices }] : [];
    }),
    commonCause: redIds.length < 2 ? [] : findCommonCause(graph, redIds, toStateMap(nodes)),
    legend: describeStateRules(graph.hasObservations),
  };
}

/** A counting sort over depths of the positions taken in slug order: linear, and stable. */
function orderByDepthThenSlug(
  index: GraphIndex,
  isIncluded: Uint8Array,
  depthOf: Int32Array,
): number[] {
  let lowest = 0;
  let highest = 0;
  for (let position = 0; position < index.size; position++) {
    if (isIncluded[position] === 0) continue;
    const depth = depthOf[position] ?? 0;
    if (depth < lowest) lowest = depth;
    if (depth > highest) highest = depth;
  }
  const next = new Int32Array(highest - lowest + 2);
  for (let position = 0; position < index.size; position++) {
    if (isIncluded[position] === 0) continue;
    const bucket = (depthOf[position] ?? 0) - lowest + 1;
    next[bucket] = (next[bucket] ?? 0) + 1;
  }
  for (let at = 1; at < next.length; at++) next[at] = (next[at] ?? 0) + (next[at - 1] ?? 0);
  const ordered: number[] = new Array(next[next.length - 1] ?? 0);
  for (const position of index.bySlug) {
    if (isIncluded[position] === 0) continue;
    const bucket = (depthOf[position] ?? 0) - lowest;
    const at = next[bucket] ?? 0;
    next[bucket] = at + 1;
    ordered[at] = position;
  }
  return ordered;
}

function toRole(upHops: number, downHops: number): NodeRole {
  if (upHops === 0 || downHops === 0) return "origin";
  if (upHops > 0 && downHops > 0) return "impacted-and-suspect";
  return upHops > 0 ? "impacted" : "suspect";
}

/** A path of strong edges links it to an origin in the direction its role was reached. */
function isStronglyReached(role: NodeRole, strongUpHops: number, strongDownHops: number): boolean {
  switch (role) {
    case "origin":
      return true;
    case "impacted":
      return strongUpHops >= 0;
    case "suspect":
      return strongDownHops >= 0;
    case "impacted-and-suspect":
      return strongUpHops >= 0 || strongDownHops >= 0;
  }
}

function toVerdict(originSlugs: string[], services: number, tier1: number): Verdict {
  if (services === 0) {
    const text =
      originSlugs.length > 0
        ? `Contained: only ${originSlugs.join(", ")} affected`
        : "Contained: nothing affected";
    return { kind: "contained", text };
  }
  const noun = services === 1 ? "service" : "services";
  return {
    kind: "spreading",
    services,
    tier1,
    text: `Spreading: ${services} ${noun}, ${tier1} tier-1`,
  };
}

function toStateMap(nodes: BlastRadiusNode[]): Map<number, NodeState> {
  return new Map(nodes.map((node) => [node.id, node.state]));
}
