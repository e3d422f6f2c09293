import { getPrisma } from "../db";
import { isAppError } from "../errors";
import { getPromotedModel } from "./get-promoted-model";
import { loadIncidentCandidates } from "./load-incident-candidates";
import { rankHypotheses } from "./rank-hypotheses";

/**
 * Ranks an incident's hypotheses with the promoted model (or unscored, when there is none) and
 * replaces its stored ones. Idempotent; runs as a job when alerts arrive.
 */
export async function scoreIncident(incidentId: number, now = new Date()): Promise<number> {
  const loaded = await loadIncidentCandidates(incidentId, now).catch((error: unknown) => {
    // An incident whose services are not in the graph yet has nothing to rank.
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!loaded) return 0;
  const model = await getPromotedModel();
  const ranked = rankHypotheses({ ...loaded, parameters: model?.parameters ?? null });
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    await tx.hypothesis.deleteMany({ where: { incidentId } });
    await tx.hypothesis.createMany({
      data: ranked.map((hypothesis) => ({
        incidentId,
        serviceId: hypothesis.candidate.serviceId,
        changeEventId: hypothesis.candidate.change?.id ?? null,
        rank: hypothesis.rank,
        features: hypothesis.features,
        uncalibrated: hypothesis.uncalibrated,
        probability: hypothesis.probability,
        modelVersionId: model?.id ?? null,
        explanation: hypothesis.explanation,
        computedAt: now,
      })),
    });
  });
  return ranked.length;
}
