import { getCliContext } from "../../lib/auth/get-cli-context";
import { getPrisma } from "../../lib/db";
import { loadTrainingRows } from "../../lib/scoring/load-training-rows";
import { promoteModelVersion } from "../../lib/scoring/promote-model-version";
import { scoreIncident } from "../../lib/scoring/score-incident";
import { storeModelVersion } from "../../lib/scoring/store-model-version";
import { storeSimulatedHistory } from "../../lib/scoring/store-simulated-history";
import { trainModel } from "../../lib/scoring/train-model";
import { seedDemoCatalog } from "../../scripts/lib/seed-demo-catalog";
import { seedOrderServiceStorm } from "../../test/helpers/order-service-storm";

export type TScoredIncident = { incidentId: number; modelVersionId: number; historyRows: number };

/**
 * On the database already set with setDb: the demo catalog, order-service v41/v42 and the
 * replayed storm (the tests' own seedOrderServiceStorm), six months of simulated
 * history, a model trained on it and promoted, and the order-service incident scored.
 */
export async function seedScoredIncident(now = new Date()): Promise<TScoredIncident> {
  await seedDemoCatalog();
  await seedOrderServiceStorm(now);
  const prisma = await getPrisma();
  const incident = await prisma.incident.findFirstOrThrow({
    where: { title: { contains: "order-service" } },
    select: { id: true },
  });
  const history = await storeSimulatedHistory({ months: 6, seed: 7, end: now, topology: "seed" });
  const trained = trainModel(await loadTrainingRows(), { seed: 1 });
  const version = await storeModelVersion({ trained, source: "database", createdBy: "bench" });
  await promoteModelVersion(getCliContext(), version.id);
  await scoreIncident(incident.id, now);
  return { incidentId: incident.id, modelVersionId: version.id, historyRows: history.rows };
}
