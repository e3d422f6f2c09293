import { hashContent } from "../changes/hash-content";
import type { TFileDiff, TFileWrite } from "./schemas";

/**
 * What an apply must present: the SHA-256 of the redacted diff, the base versions it was computed
 * against, and each write's content hash (so a changed secret changes it without being in it).
 */
export function computeDiffHash(input: {
  diffs: TFileDiff[];
  base: Record<string, string | null>;
  writes: TFileWrite[];
}): string {
  const canonical = {
    base: Object.keys(input.base)
      .sort()
      .map((path) => [path, input.base[path]]),
    diffs: [...input.diffs]
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((diff) => [diff.path, diff.diff]),
    writes: [...input.writes]
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((write) => [write.path, write.content === null ? null : hashContent(write.content)]),
  };
  return hashContent(JSON.stringify(canonical));
}
