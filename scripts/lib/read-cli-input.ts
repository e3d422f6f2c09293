import { type ParseArgsConfig, parseArgs } from "node:util";
import type { z } from "zod";

/** Input the command can never act on as given: the CLI exits with code 2, not 1. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A command's own options and positionals; an unknown or incomplete option is a UsageError. */
export function readCommandArgs<const T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * A value through its schema; the first problem becomes a one-line UsageError naming the
 * option (`--role: …`), or `label` when the value is not an object of options.
 */
export function readCliValue<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  label: string,
): z.infer<Schema> {
  if (value === undefined) throw new UsageError(`${label} is missing`);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path[0];
  const name = typeof field === "string" ? `--${field}` : label;
  throw new UsageError(`${name}: ${issue?.message ?? "invalid"}`);
}
