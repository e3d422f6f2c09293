import { getPrisma, type Prisma } from "../db";
import { buildServiceGraph } from "./build-service-graph";
import type { ServiceGraph } from "./schemas";

// Rebuilt only when a service or an edge changes; every map refresh and correlation pass reuses it.
let cached: { version: string; graph: ServiceGraph } | null = null;

/**
 * The whole dependency graph (services, edges with provenance and criticality, and edges still
 * waiting for their far end), as every graph consumer takes it: the blast radius, the catalog
 * map and correlation all read this one model. Pass `tx` to read inside a transaction.
 */
export async function loadServiceGraph(tx?: Prisma.TransactionClient): Promise<ServiceGraph> {
  const db = tx ?? (await getPrisma());
  const [stamp] = await db.$queryRawUnsafe<{ version: string }[]>(
    `SELECT (SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM services)
         || '|' || (SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM dependencies)
         || '|' || (SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM pending_dependencies)
         AS version`,
  );
  const version = stamp?.version ?? "";
  if (cached?.version === version) return cached.graph;
  // Sequential: `db` may be a transaction, one connection that must not overlap queries.
  const services = await db.service.findMany({
    select: { id: true, slug: true, name: true, tier: true, isUnmapped: true },
  });
  const edges = await db.dependency.findMany({
    select: {
      fromServiceId: true,
      toServiceId: true,
      kind: true,
      criticality: true,
      provenance: true,
    },
  });
  const pending = await db.pendingDependency.findMany({
    select: { fromServiceId: true, targetRef: true, kind: true, criticality: true },
    orderBy: { targetRef: "asc" },
  });
  const graph = buildServiceGraph(
    services,
    edges.map((edge) => ({
      from: edge.fromServiceId,
      to: edge.toServiceId,
      kind: edge.kind,
      criticality: edge.criticality,
      provenance: edge.provenance,
    })),
    pending.map((edge) => ({
      from: edge.fromServiceId,
      targetRef: edge.targetRef,
      kind: edge.kind,
      criticality: edge.criticality,
    })),
  );
  cached = { version, graph };
  return graph;
}
