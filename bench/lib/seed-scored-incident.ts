import { POST as postChange } from "../../app/api/changes/route";
import { POST as postAlertmanager } from "../../app/api/webhooks/alertmanager/route";
import { getCliContext } from "../../lib/auth/get-cli-context";
import { getPrisma } from "../../lib/db";
import { buildDemoSequence } from "../../lib/scenarios/demo-sequence";
import { buildOrderServiceRelease } from "../../lib/scenarios/order-service-release";
import { loadTrainingRows } from "../../lib/scoring/load-training-rows";
import { promoteModelVersion } from "../../lib/scoring/promote-model-version";
import { scoreIncident } from "../../lib/scoring/score-incident";
import { storeModelVersion } from "../../lib/scoring/store-model-version";
import { storeSimulatedHistory } from "../../lib/scoring/store-simulated-history";
import { trainModel } from "../../lib/scoring/train-model";
import { seedDemoCatalog } from "../../scripts/lib/seed-demo-catalog";
import { bearer, createTestIntegration } from "../../test/helpers/integrations";
import { jsonRequest, settleCorrelation } from "../../test/helpers/requests";

export type TScoredIncident = { incidentId: number; modelVersionId: number; historyRows: number };

/**
 * On the database already set with setDb: the demo catalog, order-service v41/v42 and the
 * replayed storm (through the same route handlers the tests call), six months of simulated
 * history, a model trained on it and promoted, and the order-service incident scored.
 */
export async function seedScoredIncident(now = new Date()): Promise<TScoredIncident> {
  await seedDemoCatalog();
  const changes = (await createTestIntegration("changes")).secret;
  const alerts = (await createTestIntegration("alertmanager")).secret;
  for (const [version, minutesAgo] of [
    ["v41", 3 * 24 * 60],
    ["v42", 8],
  ] as const) {
    const at = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
    const body = {
      service: "order-service",
      kind: "deploy",
      version,
      at,
      files: buildOrderServiceRelease(version),
    };
    const response = await postChange(jsonRequest("/api/changes", body, bearer(changes)));
    if (response.status !== 201) throw new Error(`/api/changes answered ${response.status}`);
  }
  for (const delivery of buildDemoSequence(now))
    await postAlertmanager(
      jsonRequest("/api/webhooks/alertmanager", delivery.payload, bearer(alerts)),
    );
  await settleCorrelation();
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
