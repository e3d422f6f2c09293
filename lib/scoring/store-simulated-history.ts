import { ZServiceMetadata } from "../catalog/schemas";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import { appendTrainingRows } from "./append-training-rows";
import { generateHistory, toFeatureRows } from "./generate-history";
import { loadSeedTopology } from "./load-seed-topology";
import type { TTopology } from "./schemas";

export type TSimulatedHistory = { incidents: number; rows: number; from: Date; to: Date };

/**
 * Months of simulated operations ending at `end`, stored as training history (replacing earlier
 * simulated rows), on the demo shop or on the catalog in the database.
 */
export async function storeSimulatedHistory(options: {
  months: number;
  seed: number;
  end: Date;
  topology: "seed" | "database";
}): Promise<TSimulatedHistory> {
  const topology = options.topology === "seed" ? loadSeedTopology() : await loadDatabaseTopology();
  const start = new Date(options.end);
  start.setUTCMonth(start.getUTCMonth() - options.months);
  const incidents = generateHistory({
    topology,
    months: options.months,
    start,
    seed: options.seed,
  });
  const rows = toFeatureRows(incidents);
  const prisma = await getPrisma();
  const stored = await prisma.$transaction(
    async (tx) => {
      await tx.trainingRow.deleteMany({ where: { source: "simulated" } });
      return appendTrainingRows(tx, rows, { source: "simulated" });
    },
    { timeout: 120_000 },
  );
  return { incidents: incidents.length, rows: stored, from: start, to: options.end };
}

/** The imported catalog as the simulator's topology: services, schedules, dependencies. */
async function loadDatabaseTopology(): Promise<TTopology> {
  const prisma = await getPrisma();
  const services = await prisma.service.findMany({
    select: { id: true, slug: true, tier: true, metadata: true },
    orderBy: { id: "asc" },
  });
  if (services.length < 3)
    throw new AppError("VALIDATION", "The catalog has fewer than 3 services: import one first.");
  const dependencies = await prisma.dependency.findMany({
    select: { fromServiceId: true, toServiceId: true },
  });
  return {
    services: services.map((service) => ({
      id: service.id,
      slug: service.slug,
      tier: service.tier,
      schedules: ZServiceMetadata.safeParse(service.metadata).data?.schedules ?? [],
    })),
    dependencies: dependencies.map((edge) => ({ from: edge.fromServiceId, to: edge.toServiceId })),
  };
}
