import { getCliContext } from "../lib/auth/get-cli-context";
import { ZNumericId } from "../lib/auth/schemas";
import {
  describeDrift,
  describeModelReport,
  describeModelVersionLine,
} from "../lib/scoring/describe-model-report";
import { getCalibrationOverview } from "../lib/scoring/get-calibration-overview";
import { getModelVersion } from "../lib/scoring/get-model-version";
import { getPromotedModel } from "../lib/scoring/get-promoted-model";
import { listModelVersions } from "../lib/scoring/list-model-versions";
import { promoteModelVersion } from "../lib/scoring/promote-model-version";
import { rollbackModelVersion } from "../lib/scoring/rollback-model-version";
import { prepareModelScore } from "./cli-model-score";
import { prepareModelSimulate } from "./cli-model-simulate";
import { prepareModelTrain } from "./cli-model-train";
import { readCliValue, readCommandArgs, UsageError } from "./lib/read-cli-input";
import { readModelOption } from "./lib/read-model-options";

export const MODEL_HELP = `faultline model <simulate|train|score|promote|rollback|list|report>

  simulate [--months 6] [--seed 1] [--topology seed|database]
        stores months of simulated incidents (bad deploys in working hours, overnight batch
        jobs on shared databases, dependency failures, noise) with their true causes as the
        training history, replacing earlier simulated rows: on the demo shop, or on the catalog
        imported into the database

  train [--from-csv FILE --group COL --time COL --label COL] [--exclude COL,...] [--report FILE.json]
        trains a calibrated root-cause model and stores it as a new, unpromoted version: from
        the stored incident history by default, or from a feature table (one row per candidate;
        --group holds the incident, --label is 1 for its confirmed cause, --time when it
        started; every other numeric column is a feature unless excluded). Prints progress on
        stderr, then the held-out figures; --report writes the full report as JSON.
  score --from-csv FILE --group COL [--model ID|latest] [--exclude COL,...] --out FILE.csv
        writes the table's rows plus a probability column, scored by the promoted version
        (or --model: a version id, or latest, the newest trained)
  promote ID    scoring uses that version from now on (lead)
  rollback      re-promotes the version promoted before the current one
  list          every version, newest first; * marks the promoted one
  report [--model ID|latest]
                the held-out metrics of a version (default: the promoted one)`;

/** Checks the arguments before any database opens; returns the work to do once one is. */
export function prepareModelCommand(args: string[]): () => Promise<void> {
  const [action, ...rest] = args;
  switch (action) {
    case "simulate":
      return prepareModelSimulate(rest);
    case "train":
      return prepareModelTrain(rest);
    case "score":
      return prepareModelScore(rest);
    case "promote": {
      const { positionals } = readCommandArgs(rest, {});
      const id = readCliValue(ZNumericId, positionals[0], "model version id");
      return async () => {
        const promotion = await promoteModelVersion(getCliContext(), id);
        if (!promotion.isChanged) console.log(`model version #${id} is already promoted`);
        else
          console.log(
            `promoted model version #${id}${promotion.previousId === null ? "" : ` (was #${promotion.previousId})`}`,
          );
      };
    }
    case "rollback":
      readCommandArgs(rest, {});
      return async () => {
        const promotion = await rollbackModelVersion(getCliContext());
        console.log(
          `rolled back to model version #${promotion.version.id} (was #${promotion.previousId})`,
        );
      };
    case "list":
      readCommandArgs(rest, {});
      return async () => {
        const versions = await listModelVersions();
        if (versions.length === 0) console.log("no model versions yet: run faultline model train");
        for (const version of versions) console.log(describeModelVersionLine(version));
      };
    case "report": {
      const { values } = readCommandArgs(rest, { model: { type: "string" } });
      const model = values.model === undefined ? undefined : readModelOption(values.model);
      return async () => {
        const version =
          model === undefined ? await getPromotedModel() : await getModelVersion(model);
        if (!version) {
          throw new UsageError(
            "No model version is promoted: give --model ID or latest, or promote one first.",
          );
        }
        console.log(
          `model version #${version.id}${version.isPromoted ? " (promoted)" : ""}: ${version.source}, trained ${version.createdAt.toISOString()} by ${version.createdBy}`,
        );
        console.log(describeModelReport(version.report));
        if (version.isPromoted) {
          const { drift } = await getCalibrationOverview(getCliContext());
          console.log(describeDrift(drift, version.report.heldOut.calibrated));
        }
      };
    }
    default:
      throw new UsageError(
        `unknown model action "${action ?? ""}": simulate, train, score, promote, rollback, list or report`,
      );
  }
}
