import { getPrisma } from "../db";
import { AppError } from "../errors";
import { ZModelParameters, ZTrainReport } from "./parse-stored-model";
import type { TModelSource, TModelVersion, TTrainedModel } from "./schemas";
import { toModelVersion } from "./to-model-version";

/**
 * Stores a trained model as a new, unpromoted version. Its JSON is checked first: a NaN or an
 * infinity would come back as null and the version could never score.
 */
export async function storeModelVersion(input: {
  trained: TTrainedModel;
  source: TModelSource;
  createdBy: string;
}): Promise<TModelVersion> {
  const parameters = ZModelParameters.safeParse(roundTrip(input.trained.parameters));
  const report = ZTrainReport.safeParse(roundTrip(input.trained.report));
  if (!parameters.success || !report.success) {
    const issue = (parameters.error ?? report.error)?.issues[0];
    throw new AppError(
      "VALIDATION",
      `The trained model cannot be stored: ${issue?.path.join(".") ?? "?"} ${issue?.message ?? "is invalid"} (a NaN or infinite number?)`,
    );
  }
  const prisma = await getPrisma();
  const row = await prisma.modelVersion.create({
    data: {
      createdBy: input.createdBy,
      source: input.source,
      parameters: parameters.data,
      report: report.data,
    },
  });
  return toModelVersion(row);
}

function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
