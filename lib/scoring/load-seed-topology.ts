import path from "node:path";
import { readCatalog } from "../catalog/read-catalog";
import { readCatalogFiles } from "../catalog/read-catalog-files";
import type { TTopology } from "./schemas";

const SEED_CATALOG = path.join(
  import.meta.dirname,
  "..",
  "..",
  "examples",
  "ecommerce",
  "ecommerce.calm.json",
);
/**
 * The demo shop's services (ids 1..n in catalog order) and dependencies, read from the same
 * CALM file the seed imports, with the batch jobs its data stores declare (`schedules`).
 */
export function loadSeedTopology(): TTopology {
  const read = readCatalog("calm", readCatalogFiles(SEED_CATALOG), "seed:ecommerce");
  if (read.kind !== "snapshot") throw new Error(`${SEED_CATALOG} is not a catalog snapshot`);
  const { services, dependencies } = read.snapshot;
  const idOf = new Map(services.map((service, index) => [service.slug, index + 1]));
  return {
    services: services.map((service, index) => ({
      id: index + 1,
      slug: service.slug,
      tier: service.tier ?? null,
      // Validated by the catalog reader (ZSchedule in lib/catalog/schemas.ts).
      schedules: service.metadata?.schedules ?? [],
    })),
    dependencies: dependencies.flatMap((edge) => {
      const from = idOf.get(edge.from);
      const to = idOf.get(edge.to);
      return from === undefined || to === undefined ? [] : [{ from, to }];
    }),
  };
}
