import fs from "node:fs";
import { getModelVersion } from "../lib/scoring/get-model-version";
import { getPromotedModel } from "../lib/scoring/get-promoted-model";
import { readFeatureCsv } from "../lib/scoring/read-feature-csv";
import { scoreFeatures } from "../lib/scoring/score-features";
import { writeScoredCsv } from "../lib/scoring/write-scored-csv";
import { readCommandArgs, UsageError } from "./lib/read-cli-input";
import { readCsvFile } from "./lib/read-csv-file";
import { readExcludeOption, readModelOption } from "./lib/read-model-options";

/** `faultline model score`: a feature table plus the chosen version's probability per row. */
export function prepareModelScore(args: string[]): () => Promise<void> {
  const { values, positionals } = readCommandArgs(args, {
    "from-csv": { type: "string" },
    group: { type: "string" },
    time: { type: "string" },
    model: { type: "string" },
    exclude: { type: "string", multiple: true },
    out: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(`model score takes no argument "${positionals[0]}"`);
  const csvPath = values["from-csv"];
  const { group, out } = values;
  if (!csvPath || !group || !out) {
    throw new UsageError("model score needs --from-csv FILE, --group COL and --out FILE.csv");
  }
  const model = values.model === undefined ? undefined : readModelOption(values.model);
  const table = readFeatureCsv(readCsvFile(csvPath), {
    group,
    time: values.time,
    exclude: readExcludeOption(values.exclude),
  });
  return async () => {
    const version = model === undefined ? await getPromotedModel() : await getModelVersion(model);
    if (!version) {
      throw new UsageError(
        "No model version is promoted: promote one (faultline model promote ID) or give --model ID or latest",
      );
    }
    const missing = version.parameters.featureNames.filter(
      (name) => !table.featureNames.includes(name),
    );
    if (missing.length > 0) {
      const skipped = new Map(table.skippedColumns.map((column) => [column.column, column]));
      throw new UsageError(
        `The table lacks features model version #${version.id} needs: ${missing
          .map((name) => {
            const column = skipped.get(name);
            return column ? `${name} (line ${column.line} has "${column.value}")` : name;
          })
          .join(", ")}`,
      );
    }
    const { probability } = scoreFeatures(
      version.parameters,
      table.rows.map((row) => row.features),
    );
    fs.writeFileSync(out, writeScoredCsv(table.records, probability));
    const groups = new Set(table.rows.map((row) => row.group)).size;
    const which =
      model === undefined
        ? "the promoted version"
        : model === "latest"
          ? "the latest version"
          : "as asked";
    console.log(
      `scored ${table.rows.length} rows of ${groups} incidents with model version #${version.id} (${which}) → ${out}`,
    );
  };
}
