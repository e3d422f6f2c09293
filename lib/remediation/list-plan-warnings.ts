import type { TFileDiff, TWarning } from "./schemas";

/** What every plan says about its own diffs: text fallbacks and hidden secret changes. */
export function listDiffWarnings(diffs: TFileDiff[]): TWarning[] {
  return diffs.flatMap((diff): TWarning[] => [
    ...(diff.note
      ? [{ code: "plain_text" as const, path: diff.path, message: `${diff.path}: ${diff.note}` }]
      : []),
    ...(diff.hasSecretChange
      ? [
          {
            code: "secret_redacted" as const,
            path: diff.path,
            message: `A secret value in ${diff.path} changes; its values are hidden.`,
          },
        ]
      : []),
  ]);
}

export function noChangeWarning(message: string): TWarning {
  return { code: "no_change", message };
}
