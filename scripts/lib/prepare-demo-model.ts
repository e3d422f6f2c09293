import { getSystemContext } from "../../lib/auth/get-cli-context";
import { getPrisma } from "../../lib/db";
import { loadTrainingRows } from "../../lib/scoring/load-training-rows";
import { promoteModelVersion } from "../../lib/scoring/promote-model-version";
import { storeModelVersion } from "../../lib/scoring/store-model-version";
import { storeSimulatedHistory } from "../../lib/scoring/store-simulated-history";
import { trainModel } from "../../lib/scoring/train-model";

/**
 * The demo's root-cause model, as a team would get one: six months of (simulated) history,
 * trained, then promoted. Skipped when a version exists already.
 */
export async function prepareDemoModel(step: (message: string) => void): Promise<void> {
  const prisma = await getPrisma();
  if ((await prisma.modelVersion.count()) > 0) {
    step("root-cause model: keeping the stored versions");
    return;
  }
  const history = await storeSimulatedHistory({
    months: 6,
    seed: 1,
    end: new Date(),
    topology: "seed",
  });
  step(
    `simulated 6 months of incidents: ${history.incidents} incidents, ${history.rows} hypotheses`,
  );
  const trained = trainModel(await loadTrainingRows(), { seed: 1 });
  const version = await storeModelVersion({ trained, source: "database", createdBy: "demo" });
  await promoteModelVersion(getSystemContext("demo"), version.id);
  const heldOut = trained.report.heldOut;
  step(
    `trained and promoted model version #${version.id}: held-out ECE ${heldOut.calibrated.eceEqualWidth.toFixed(3)}, ` +
      `Brier ${heldOut.uncalibrated.brier.toFixed(4)} → ${heldOut.calibrated.brier.toFixed(4)} calibrated, ` +
      `top-1 ${(heldOut.calibrated.top1 * 100).toFixed(0)}% (see /calibration)`,
  );
}
