import { AppError } from "../errors";

/** A 422 that says where a catalog is wrong: the file, the entity in it, and the field. */
export function catalogError(
  file: string,
  entity: string | null,
  field: string | null,
  problem: string,
): AppError {
  const where = [file, entity, field].filter(Boolean).join(": ");
  return new AppError("VALIDATION", `${where}: ${problem}`);
}
