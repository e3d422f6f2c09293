import type { TDiffRow, TSideBySideRow } from "./schemas";

/**
 * Unified rows as side-by-side rows: each run of deletions is paired line by line with the
 * additions that follow it; context and collapsed rows stand on both sides.
 */
export function toSideBySide(rows: TDiffRow[]): TSideBySideRow[] {
  const out: TSideBySideRow[] = [];
  let index = 0;
  while (index < rows.length) {
    const row = rows[index] as TDiffRow;
    if (row.kind === "context" || row.kind === "collapsed") {
      out.push({ left: row, right: row });
      index++;
      continue;
    }
    const dels: TDiffRow[] = [];
    const adds: TDiffRow[] = [];
    while (rows[index]?.kind === "del") dels.push(rows[index++] as TDiffRow);
    while (rows[index]?.kind === "add") adds.push(rows[index++] as TDiffRow);
    for (let i = 0; i < Math.max(dels.length, adds.length); i++) {
      out.push({ ...(dels[i] ? { left: dels[i] } : {}), ...(adds[i] ? { right: adds[i] } : {}) });
    }
  }
  return out;
}

/** The rows with the collapsed rows at the given indexes replaced by the lines they hide. */
export function expandRows(rows: TDiffRow[], expanded: ReadonlySet<number>): TDiffRow[] {
  return rows.flatMap((row, index) =>
    row.kind === "collapsed" && expanded.has(index) ? (row.hidden ?? []) : [row],
  );
}
