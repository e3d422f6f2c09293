import { getPrisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { type Topology, ZDependencyInput, ZServiceInput } from "./schemas";

export type UpsertTopologyResult = { services: number; dependencies: number };

/**
 * Creates or updates the services and declared edges of a topology, in one transaction.
 * A service first seen as an unmapped alert label becomes a catalog service here.
 */
export async function upsertTopology(topology: Topology): Promise<UpsertTopologyResult> {
  const services = topology.services.map((service) => ZServiceInput.parse(service));
  const dependencies = topology.dependencies.map((dependency) =>
    ZDependencyInput.parse(dependency),
  );
  const slugs = new Set(services.map((service) => service.slug));
  for (const edge of dependencies) {
    for (const end of [edge.from, edge.to]) {
      if (!slugs.has(end))
        throw new Error(`Dependency ${edge.from} -> ${edge.to} names unknown service "${end}"`);
    }
  }

  const prisma = await getPrisma();
  return prisma.$transaction(
    async (tx) => {
      const idBySlug = new Map<string, number>();
      for (const service of services) {
        const fields = {
          name: service.name,
          tier: service.tier,
          owner: service.owner,
          onCall: service.onCall,
          runbookUrl: service.runbookUrl,
          healthEndpoint: service.healthEndpoint,
          metadata: service.metadata as Prisma.InputJsonValue,
          isUnmapped: false,
        };
        const row = await tx.service.upsert({
          where: { slug: service.slug },
          create: { slug: service.slug, ...fields },
          update: fields,
          select: { id: true },
        });
        idBySlug.set(service.slug, row.id);
      }
      for (const edge of dependencies) {
        const fromServiceId = getIdOrThrow(idBySlug, edge.from);
        const toServiceId = getIdOrThrow(idBySlug, edge.to);
        await tx.dependency.upsert({
          where: { fromServiceId_toServiceId: { fromServiceId, toServiceId } },
          create: {
            fromServiceId,
            toServiceId,
            kind: edge.kind,
            criticality: edge.criticality,
            provenance: "declared",
          },
          update: { kind: edge.kind, criticality: edge.criticality },
        });
      }
      return { services: services.length, dependencies: dependencies.length };
    },
    { timeout: 60_000 },
  );
}

function getIdOrThrow(idBySlug: Map<string, number>, slug: string): number {
  const id = idBySlug.get(slug);
  if (id === undefined) throw new Error(`service ${slug} was not stored`);
  return id;
}
