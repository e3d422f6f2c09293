import { ensureUnmappedServices } from "../catalog/ensure-unmapped-services";
import { ZServiceMetadata } from "../catalog/schemas";
import { getPrisma } from "../db";
import { toServiceSlug } from "../ingest/map-labels";
import { judgeSample } from "./is-sample-elevated";
import type { TSignalPush } from "./schemas";

/** Stores pushed samples, judged against their thresholds; unknown services are created unmapped. */
export async function recordSignals(
  push: TSignalPush,
  now = new Date(),
): Promise<{ recorded: number; elevated: number }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const slugs = [...new Set(push.samples.map((sample) => toServiceSlug(sample.service)))];
    const services = await ensureUnmappedServices(tx, slugs);
    const rows = push.samples.map((sample) => {
      const service = services.get(toServiceSlug(sample.service));
      if (!service) throw new Error(`service ${sample.service} was not stored`);
      const thresholds = ZServiceMetadata.safeParse(service.metadata).data?.thresholds;
      const judged = judgeSample(sample.metric, sample.value, sample.threshold, thresholds);
      return {
        serviceId: service.id,
        metric: sample.metric,
        value: sample.value,
        threshold: judged.threshold,
        isElevated: judged.isElevated,
        source: "push",
        at: sample.at ?? now,
      };
    });
    await tx.signalSample.createMany({ data: rows });
    return { recorded: rows.length, elevated: rows.filter((row) => row.isElevated).length };
  });
}
