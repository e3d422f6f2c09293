import { getPrisma } from "../db";

export type ServiceListItem = {
  id: number;
  slug: string;
  name: string;
  tier: number | null;
  owner: string | null;
  onCall: string | null;
  isUnmapped: boolean;
  catalogSource: string | null;
  dependencyCount: number;
  dependentCount: number;
  firingAlertCount: number;
};

/** Every service, tier 1 first, optionally filtered by a search over slug, name and owner. */
export async function listServices(search?: string): Promise<ServiceListItem[]> {
  const prisma = await getPrisma();
  const term = search?.trim();
  const services = await prisma.service.findMany({
    where: term
      ? {
          OR: [
            { slug: { contains: term, mode: "insensitive" } },
            { name: { contains: term, mode: "insensitive" } },
            { owner: { contains: term, mode: "insensitive" } },
          ],
        }
      : {},
    orderBy: [{ tier: { sort: "asc", nulls: "last" } }, { slug: "asc" }],
    include: { _count: { select: { dependsOn: true, dependedOnBy: true } } },
  });
  const firing = await prisma.alert.groupBy({
    by: ["serviceId"],
    where: { status: "firing", serviceId: { in: services.map((service) => service.id) } },
    _count: { _all: true },
  });
  const firingByService = new Map(firing.map((group) => [group.serviceId, group._count._all]));
  return services.map((service) => ({
    id: service.id,
    slug: service.slug,
    name: service.name,
    tier: service.tier,
    owner: service.owner,
    onCall: service.onCall,
    isUnmapped: service.isUnmapped,
    catalogSource: service.catalogSource,
    dependencyCount: service._count.dependsOn,
    dependentCount: service._count.dependedOnBy,
    firingAlertCount: firingByService.get(service.id) ?? 0,
  }));
}
