import { getPrisma } from "../db";
import { loadServiceSignals } from "../signals/load-service-signals";
import { SIGNAL_FRESHNESS_MINUTES } from "../signals/schemas";
import { assessNodeState } from "./assess-node-state";
import { layoutWholeGraph } from "./compute-map-layout";
import { toBlastRadiusEdge } from "./find-edge-disagreement";
import { loadServiceGraph } from "./load-service-graph";
import type { BlastRadiusEdge, NodeState } from "./schemas";

export type CatalogMap = {
  nodes: {
    id: number;
    slug: string;
    name: string;
    tier: number | null;
    state: NodeState;
    isUnmapped: boolean;
  }[];
  edges: BlastRadiusEdge[];
  positions: Record<number, { x: number; y: number }>;
};

/** The whole catalog for the /services map, coloured by each service's own signals. */
export async function getCatalogMap(now = new Date()): Promise<CatalogMap> {
  const graph = await loadServiceGraph();
  // Only services with something firing or sampled can be anything but gray.
  const prisma = await getPrisma();
  const noisy = await prisma.$queryRawUnsafe<{ service_id: number }[]>(
    `SELECT DISTINCT service_id FROM alerts WHERE status = 'firing'
     UNION SELECT DISTINCT service_id FROM signal_samples WHERE at >= $1::timestamptz`,
    new Date(now.getTime() - SIGNAL_FRESHNESS_MINUTES * 60_000).toISOString(),
  );
  const signals = await loadServiceSignals(
    noisy.map((row) => row.service_id),
    now,
  );
  const nodes = [...graph.services.values()].map((service) => ({
    id: service.id,
    slug: service.slug,
    name: service.name,
    tier: service.tier,
    isUnmapped: service.isUnmapped,
    state: assessNodeState(signals.get(service.id), false).state,
  }));
  const edges: BlastRadiusEdge[] = [...graph.dependenciesOf.values()]
    .flat()
    .map((edge) => toBlastRadiusEdge(edge, graph.hasObservations));
  return { nodes, edges, positions: Object.fromEntries(layoutWholeGraph(graph)) };
}
