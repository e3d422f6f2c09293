import { diffFile } from "./diff-files";
import { listDiffWarnings, noChangeWarning } from "./list-plan-warnings";
import type { TFileSet, TFileWrite, TRemediationPlan } from "./schemas";

/** Restores whole config files (YAML, JSON, .properties, .env, .ini, …) to their `target` text. */
export function planRevert(input: {
  current: TFileSet;
  target: TFileSet;
  paths: string[];
}): TRemediationPlan {
  const writes: TFileWrite[] = [...new Set(input.paths)]
    .filter((path) => input.current[path] !== input.target[path])
    .map((path) => ({ path, content: input.target[path] ?? null }));
  const diffs = writes.map((write) =>
    diffFile(write.path, input.current[write.path] ?? null, write.content),
  );
  const warnings =
    writes.length === 0
      ? [noChangeWarning("These files are already as they were.")]
      : listDiffWarnings(diffs);
  return { kind: "revert", writes, diffs, warnings };
}
