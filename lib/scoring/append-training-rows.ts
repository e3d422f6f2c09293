import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { TFeatureRow, TTrainingRowSource } from "./schemas";

/** Adds labelled rows to the history inside the caller's transaction; returns how many. */
export async function appendTrainingRows(
  tx: Prisma.TransactionClient,
  rows: TFeatureRow[],
  options: { source: TTrainingRowSource; incidentId?: number },
): Promise<number> {
  const unlabelled = rows.findIndex((row) => row.label === null);
  if (unlabelled >= 0) {
    throw new AppError("VALIDATION", `Training row ${unlabelled + 1} has no label (0 or 1).`);
  }
  const { count } = await tx.trainingRow.createMany({
    data: rows.map((row) => ({
      source: options.source,
      groupKey: row.group,
      incidentId: options.incidentId ?? null,
      occurredAt: new Date(row.time),
      label: row.label ?? 0,
      features: row.features,
    })),
  });
  return count;
}
