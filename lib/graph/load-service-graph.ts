import { getPrisma } from "../db";
import { buildServiceGraph } from "./build-service-graph";
import type { ServiceGraph } from "./schemas";

// Rebuilt only when a service or an edge changes; every map refresh reuses it.
let cached: { version: string; graph: ServiceGraph } | null = null;

/** The whole dependency graph, as the graph algorithms take it. */
export async function loadServiceGraph(): Promise<ServiceGraph> {
  const prisma = await getPrisma();
  const [stamp] = await prisma.$queryRawUnsafe<{ version: string }[]>(
    `SELECT (SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM services)
         || '|' || (SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM dependencies) AS version`,
  );
  const version = stamp?.version ?? "";
  if (cached?.version === version) return cached.graph;
  const [services, edges] = await Promise.all([
    prisma.service.findMany({
      select: { id: true, slug: true, name: true, tier: true, isUnmapped: true },
    }),
    prisma.dependency.findMany({
      select: {
        fromServiceId: true,
        toServiceId: true,
        kind: true,
        criticality: true,
        provenance: true,
      },
    }),
  ]);
  const graph = buildServiceGraph(
    services,
    edges.map((edge) => ({
      from: edge.fromServiceId,
      to: edge.toServiceId,
      kind: edge.kind,
      criticality: edge.criticality,
      provenance: edge.provenance,
    })),
  );
  cached = { version, graph };
  return graph;
}
