import path from "node:path";
import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  FAULTLINE_DATA_DIR: z.string().min(1).default(".faultline"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  FAULTLINE_WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

/** The validated environment; a bad value fails once, loudly, naming the variable. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(emptyToUndefined(process.env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Where the embedded database keeps its files. */
export function getPgliteDataDir(env: Env = getEnv()): string {
  return path.resolve(env.FAULTLINE_DATA_DIR, "db");
}

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(source)) result[key] = value === "" ? undefined : value;
  return result;
}
