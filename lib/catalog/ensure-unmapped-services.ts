import type { Prisma } from "../generated/prisma/client";

export type TEnsuredService = { id: number; slug: string; metadata: Prisma.JsonValue };

/** The services by slug, creating unknown ones as unmapped (first seen outside any catalog). */
export async function ensureUnmappedServices(
  tx: Prisma.TransactionClient,
  slugs: string[],
): Promise<Map<string, TEnsuredService>> {
  const select = { id: true, slug: true, metadata: true } as const;
  const known = await tx.service.findMany({ where: { slug: { in: slugs } }, select });
  const services = new Map(known.map((service) => [service.slug, service]));
  const missing = slugs.filter((candidate) => !services.has(candidate));
  if (missing.length > 0) {
    // A concurrent writer may create the same service: skipDuplicates waits for it instead of
    // failing, and the read after sees whichever row won.
    await tx.service.createMany({
      data: missing.map((slug) => ({ slug, name: slug, isUnmapped: true })),
      skipDuplicates: true,
    });
    const created = await tx.service.findMany({ where: { slug: { in: missing } }, select });
    for (const service of created) services.set(service.slug, service);
  }
  return services;
}
