import { writeAudit } from "../audit/write-audit";
import { getSystemContext } from "../auth/get-cli-context";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma } from "../db";
import { toServiceSlug } from "../ingest/map-labels";
import type { ChangeList } from "./apply-catalog-snapshot";
import { connectArrivedDependencies } from "./apply-pending-dependencies";
import type { ObservedEdge } from "./schemas";

export type TObservedReport = {
  dependencies: ChangeList;
  /** Edges made from pending references that were waiting for services first seen in traffic. */
  connected: string[];
};

/**
 * Records traffic seen between services. An edge someone declared becomes "both"; one nobody
 * declared is added as "observed". Unknown services are created, marked unmapped. Edges not in
 * this snapshot are left alone: quiet paths (fallbacks, batch jobs) are not gone paths. Pending
 * references to the services seen become edges first, so traffic on them makes them "both".
 */
export async function applyObservedEdges(
  edges: ObservedEdge[],
  now = new Date(),
  context: TAuthContext = getSystemContext(),
  source = "service-graph",
): Promise<TObservedReport> {
  const prisma = await getPrisma();
  return prisma.$transaction(
    async (tx) => {
      const changes: ChangeList = { added: [], changed: [], removed: [] };
      const slugs = [
        ...new Set(
          edges.flatMap((edge) => [toServiceSlug(edge.client), toServiceSlug(edge.server)]),
        ),
      ];
      const known = await tx.service.findMany({
        where: { slug: { in: slugs } },
        select: { id: true, slug: true, metadata: true },
      });
      const idBySlug = new Map(known.map((service) => [service.slug, service.id]));
      const seen: { slug: string; metadata: unknown }[] = [...known];
      for (const slug of slugs.filter((candidate) => !idBySlug.has(candidate))) {
        const created = await tx.service.create({
          data: { slug, name: slug, isUnmapped: true },
          select: { id: true, slug: true, metadata: true },
        });
        idBySlug.set(slug, created.id);
        seen.push(created);
      }
      const connected = await connectArrivedDependencies(tx, seen);
      for (const edge of edges) {
        const from = toServiceSlug(edge.client);
        const to = toServiceSlug(edge.server);
        const fromServiceId = idBySlug.get(from);
        const toServiceId = idBySlug.get(to);
        if (
          fromServiceId === undefined ||
          toServiceId === undefined ||
          fromServiceId === toServiceId
        )
          continue;
        const before = await tx.dependency.findUnique({
          where: { fromServiceId_toServiceId: { fromServiceId, toServiceId } },
        });
        const observed = { lastObservedAt: now, observedRequests: edge.requests };
        if (!before) {
          await tx.dependency.create({
            data: { fromServiceId, toServiceId, provenance: "observed", ...observed },
          });
          changes.added.push(`${from} -> ${to}`);
          continue;
        }
        const provenance = before.declaredSource ? "both" : "observed";
        await tx.dependency.update({ where: { id: before.id }, data: { provenance, ...observed } });
        if (before.provenance !== provenance) changes.changed.push(`${from} -> ${to}`);
      }
      await writeAudit(tx, context, {
        action: "catalog.observe",
        objectType: "catalog_source",
        objectId: source,
        after: {
          edges: edges.length,
          added: changes.added.length,
          changed: changes.changed.length,
          connected: connected.length,
        },
      });
      return { dependencies: changes, connected };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
