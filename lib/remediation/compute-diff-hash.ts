import { hashContent } from "../changes/hash-content";
import { sortKeys } from "./render-document";
import type { TFileDiff, TFileWrite } from "./schemas";

/**
 * What an apply must present: the SHA-256 of the redacted diffs, the base versions they were
 * computed against, and each write's content hash (a changed secret changes it without being in it).
 */
export function computeDiffHash(input: {
  diffs: TFileDiff[];
  base: Record<string, string | null>;
  writes: TFileWrite[];
}): string {
  const byPath = <T extends { path: string }>(items: T[]) =>
    [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const canonical = {
    base: input.base,
    diffs: byPath(input.diffs),
    writes: byPath(input.writes).map((write) => ({
      path: write.path,
      content: write.content === null ? null : hashContent(write.content),
    })),
  };
  return hashContent(JSON.stringify(sortKeys(canonical)));
}
