import { AppError, isAppError } from "../errors";

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

/**
 * Gathers catalog problems instead of stopping at the first, so one run tells the user everything
 * to fix. `attempt` runs a step and keeps its catalog error; `throwIfAny` throws them as one.
 */
export type TCatalogIssues = {
  attempt<Result>(step: () => Result): Result | undefined;
  throwIfAny(): void;
};

export function collectCatalogIssues(): TCatalogIssues {
  const messages: string[] = [];
  return {
    attempt(step) {
      try {
        return step();
      } catch (error) {
        if (!isAppError(error) || error.code !== "VALIDATION") throw error;
        messages.push(error.message);
        return undefined;
      }
    },
    throwIfAny() {
      if (messages.length > 0) throw toCatalogIssuesError(messages);
    },
  };
}

/** One problem reads as it always did; several are counted and listed one per line. */
export function toCatalogIssuesError(messages: string[]): AppError {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return new AppError("VALIDATION", unique[0] ?? "invalid catalog");
  const files = new Set(unique.map((message) => message.split(": ")[0]));
  const lines = unique.map((message) => `- ${message}`).join("\n");
  return new AppError(
    "VALIDATION",
    `${unique.length} problems in ${files.size} file(s); nothing was imported:\n${lines}`,
  );
}
