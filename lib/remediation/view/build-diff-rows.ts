import { parsePatch } from "diff";
import type { TDiffFileRows, TDiffHunk, TDiffRow } from "./schemas";

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?(.*)$/;

/**
 * A unified diff as files → hunks → rows, with unchanged runs longer than `contextLines`
 * around changes folded into one "collapsed" row. Hunk headers keep their section text.
 */
export function buildDiffRows(
  diff: string,
  { contextLines = 3 }: { contextLines?: number } = {},
): TDiffFileRows[] {
  if (diff.trim() === "") return [];
  // parsePatch drops the text after the second @@; body lines never start with "@", so
  // the header lines, in order, line up with the parsed hunks.
  const headers = diff.split("\n").filter((line) => HUNK_HEADER.test(line));
  let next = 0;
  return parsePatch(diff).map((patch) => ({
    oldPath: stripPrefix(patch.oldFileName, "a/"),
    newPath: stripPrefix(patch.newFileName, "b/"),
    hunks: patch.hunks.map((hunk): TDiffHunk => {
      const header = headers[next++] ?? "";
      let oldLine = hunk.oldStart;
      let newLine = hunk.newStart;
      const rows: TDiffRow[] = [];
      for (const line of hunk.lines) {
        const text = line.slice(1);
        if (line.startsWith("+")) rows.push({ kind: "add", newLine: newLine++, text });
        else if (line.startsWith("-")) rows.push({ kind: "del", oldLine: oldLine++, text });
        else if (line.startsWith("\\"))
          continue; // "\ No newline at end of file"
        else rows.push({ kind: "context", oldLine: oldLine++, newLine: newLine++, text });
      }
      return {
        header,
        section: HUNK_HEADER.exec(header)?.[1] ?? "",
        rows: collapseContext(rows, Math.max(0, contextLines)),
      };
    }),
  }));
}

function stripPrefix(name: string | undefined, prefix: string): string | null {
  if (!name || name === "/dev/null") return null;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** Keeps `keep` unchanged lines next to each change; folds longer runs (two lines or more). */
function collapseContext(rows: TDiffRow[], keep: number): TDiffRow[] {
  const out: TDiffRow[] = [];
  let start = 0;
  while (start < rows.length) {
    if (rows[start]?.kind !== "context") {
      out.push(rows[start] as TDiffRow);
      start++;
      continue;
    }
    let end = start;
    while (rows[end]?.kind === "context") end++;
    const run = rows.slice(start, end);
    const keepBefore = start === 0 ? 0 : keep;
    const keepAfter = end === rows.length ? 0 : keep;
    const hiddenCount = run.length - keepBefore - keepAfter;
    if (hiddenCount < 2) {
      out.push(...run);
    } else {
      const hidden = run.slice(keepBefore, keepBefore + hiddenCount);
      out.push(...run.slice(0, keepBefore));
      out.push({
        kind: "collapsed",
        oldLine: hidden[0]?.oldLine,
        newLine: hidden[0]?.newLine,
        text: "",
        hiddenCount,
        hidden,
      });
      out.push(...run.slice(keepBefore + hiddenCount));
    }
    start = end;
  }
  return out;
}
