import type { ModelVersion } from "../generated/prisma/client";
import { parseModelParameters, parseTrainReport } from "./parse-stored-model";
import type { TModelVersion } from "./schemas";

/** A stored row as lib hands it out: its JSON checked against the shapes it must have. */
export function toModelVersion(row: ModelVersion): TModelVersion {
  return {
    id: row.id,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    source: row.source,
    parameters: parseModelParameters(row.parameters),
    report: parseTrainReport(row.report),
    isPromoted: row.isPromoted,
    promotedAt: row.promotedAt,
    promotedBy: row.promotedBy,
  };
}
