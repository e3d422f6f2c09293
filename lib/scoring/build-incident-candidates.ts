import type { BlastRadius, ServiceGraph } from "../graph/schemas";
import type { TCandidate, TSchedule } from "./schemas";

export type TCandidateInput = {
  blastRadius: Pick<BlastRadius, "nodes" | "commonCause">;
  graph: Pick<ServiceGraph, "dependentsOf">;
  /** Per service: the incident's alerts on it. */
  alertCounts: Map<number, number>;
  signals: Map<number, { errorRate: number | null; latencyP99Ms: number | null }>;
  /** Changes on the candidates in the look-back window. */
  changes: { id: number; serviceId: number; kind: string; at: Date }[];
  history: Map<number, { priorIncidents: number; priorConfirmedSimilar: number }>;
  schedules: Map<number, TSchedule[]>;
};

type TChangeKind = NonNullable<TCandidate["change"]>["kind"];

function toChangeKind(kind: string): TChangeKind {
  return kind === "deploy" || kind === "config" || kind === "flag" ? kind : "other";
}

/**
 * The hypotheses the live graph offers: the origin, its suspects and the common-cause
 * candidates (and any red service), each once as "no recent change" and once per recent change.
 */
export function buildIncidentCandidates(input: TCandidateInput): TCandidate[] {
  const common = new Set(input.blastRadius.commonCause.map((candidate) => candidate.serviceId));
  const red = new Set(
    input.blastRadius.nodes.filter((node) => node.state === "red").map((node) => node.id),
  );
  const eligible = input.blastRadius.nodes.filter(
    (node) => node.role !== "impacted" || node.state === "red" || common.has(node.id),
  );
  return eligible.flatMap((node) => {
    const base: TCandidate = {
      serviceId: node.id,
      slug: node.slug,
      tier: node.tier,
      state: node.state,
      alertCount: input.alertCounts.get(node.id) ?? 0,
      errorRate: input.signals.get(node.id)?.errorRate ?? null,
      latencyP99Ms: input.signals.get(node.id)?.latencyP99Ms ?? null,
      isOrigin: node.role === "origin",
      hopDistance: Math.abs(node.depth),
      redDependents: countRedDependents(input.graph, node.id, red),
      isSharedDependency: common.has(node.id),
      change: null,
      priorIncidents: input.history.get(node.id)?.priorIncidents ?? 0,
      priorConfirmedSimilar: input.history.get(node.id)?.priorConfirmedSimilar ?? 0,
      schedules: input.schedules.get(node.id) ?? [],
    };
    const changes = input.changes
      .filter((change) => change.serviceId === node.id)
      .map((change) => ({
        ...base,
        change: { id: change.id, kind: toChangeKind(change.kind), at: change.at },
      }));
    return [base, ...changes];
  });
}

/** Red services that depend on `serviceId`, directly or through others. */
function countRedDependents(
  graph: Pick<ServiceGraph, "dependentsOf">,
  serviceId: number,
  red: Set<number>,
): number {
  const seen = new Set<number>([serviceId]);
  const queue = [serviceId];
  let count = 0;
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const edge of graph.dependentsOf.get(current) ?? []) {
      if (seen.has(edge.from)) continue;
      seen.add(edge.from);
      if (red.has(edge.from)) count++;
      queue.push(edge.from);
    }
  }
  return count;
}
