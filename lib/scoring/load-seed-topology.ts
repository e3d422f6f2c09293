import path from "node:path";
import { z } from "zod";
import { readCatalog } from "../catalog/read-catalog";
import { readCatalogFiles } from "../catalog/read-catalog-files";
import { type TSchedule, type TTopology, ZSchedule } from "./schemas";

const SEED_CATALOG = path.join(
  import.meta.dirname,
  "..",
  "..",
  "examples",
  "ecommerce",
  "ecommerce.calm.json",
);
const ZSchedules = z.array(ZSchedule);

/**
 * The demo shop declares no batch jobs, yet the batch story needs some: these are the jobs a
 * shop like it runs overnight on its data stores. Used only when no service declares schedules.
 */
export const DEFAULT_SEED_SCHEDULES: Record<string, TSchedule[]> = {
  "search-index": [{ name: "nightly-reindex", cron: "0 2 * * *", durationMinutes: 45 }],
  "orders-db": [{ name: "orders-nightly-batch", cron: "0 3 * * *", durationMinutes: 40 }],
  "inventory-db": [{ name: "inventory-reconcile", cron: "30 1 * * *", durationMinutes: 30 }],
  "catalog-db": [{ name: "catalog-weekly-export", cron: "0 4 * * 0", durationMinutes: 60 }],
};

/**
 * The demo shop's services (ids 1..n in catalog order) and dependencies, read from the same
 * CALM file the seed imports, with schedules from each service's `schedules` metadata.
 */
export function loadSeedTopology(): TTopology {
  const read = readCatalog("calm", readCatalogFiles(SEED_CATALOG), "seed:ecommerce");
  if (read.kind !== "snapshot") throw new Error(`${SEED_CATALOG} is not a catalog snapshot`);
  const { services, dependencies } = read.snapshot;
  const idOf = new Map(services.map((service, index) => [service.slug, index + 1]));
  const declared = services.map((service) => {
    const parsed = ZSchedules.safeParse(service.metadata?.schedules);
    return parsed.success ? parsed.data : [];
  });
  const hasDeclared = declared.some((schedules) => schedules.length > 0);
  return {
    services: services.map((service, index) => ({
      id: index + 1,
      slug: service.slug,
      tier: service.tier ?? null,
      schedules: hasDeclared
        ? (declared[index] ?? [])
        : (DEFAULT_SEED_SCHEDULES[service.slug] ?? []),
    })),
    dependencies: dependencies.flatMap((edge) => {
      const from = idOf.get(edge.from);
      const to = idOf.get(edge.to);
      return from === undefined || to === undefined ? [] : [{ from, to }];
    }),
  };
}
