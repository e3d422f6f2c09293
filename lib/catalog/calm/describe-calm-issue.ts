import type { z } from "zod";
import type { AppError } from "../../errors";
import { catalogError } from "../catalog-error";

/** A zod failure as a catalog error: the first issue, its path appended to `field`. */
export function toCalmIssueError(
  file: string,
  entity: string,
  field: string,
  error: z.ZodError,
): AppError {
  const issue = error.issues[0];
  const path = (issue?.path ?? [])
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("");
  const where = field ? `${field}${path}` : path.replace(/^\./, "");
  return catalogError(file, entity, where || null, issue?.message ?? "invalid");
}
