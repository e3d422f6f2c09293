import { diffFile } from "./diff-files";
import type { TFileSet, TFileWrite, TRemediationPlan, TWarning } from "./schemas";

/** Restores whole config files (YAML, JSON, .properties, .env, .ini, …) to their `target` text. */
export function planRevert(input: {
  current: TFileSet;
  target: TFileSet;
  paths: string[];
}): TRemediationPlan {
  const writes: TFileWrite[] = input.paths
    .filter((path) => input.current[path] !== input.target[path])
    .map((path) => ({ path, content: input.target[path] ?? null }));
  const diffs = writes.map((write) =>
    diffFile(write.path, input.current[write.path] ?? null, write.content),
  );
  const warnings: TWarning[] =
    writes.length === 0
      ? [{ code: "no_change", message: "These files are already as they were." }]
      : [];
  for (const diff of diffs) {
    if (diff.note)
      warnings.push({ code: "plain_text", path: diff.path, message: `${diff.path}: ${diff.note}` });
    if (diff.hasSecretChange)
      warnings.push({
        code: "secret_redacted",
        path: diff.path,
        message: `A secret value in ${diff.path} changes; its values are hidden.`,
      });
  }
  return { kind: "revert", writes, diffs, warnings };
}
