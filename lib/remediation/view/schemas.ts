/** One line of a rendered diff, or a run of unchanged lines folded into one row. */
export type TDiffRowKind = "context" | "add" | "del" | "collapsed";

export type TDiffRow = {
  kind: TDiffRowKind;
  /** 1-based line in the old file (context and del rows; a collapsed row's first hidden line). */
  oldLine?: number;
  /** 1-based line in the new file (context and add rows; a collapsed row's first hidden line). */
  newLine?: number;
  /** The line without its +/−/space marker; empty for a collapsed row. */
  text: string;
  /** Collapsed rows: how many unchanged lines they stand for. */
  hiddenCount?: number;
  /** Collapsed rows: the context rows they stand for, so a viewer can expand them. */
  hidden?: TDiffRow[];
};

export type TDiffHunk = {
  /** The whole `@@ -a,b +c,d @@ …` line. */
  header: string;
  /** The header's section text: the Kubernetes document the hunk falls in ("" if none). */
  section: string;
  rows: TDiffRow[];
};

export type TDiffFileRows = {
  /** Path without git's a/ prefix; null when the file was added (/dev/null). */
  oldPath: string | null;
  /** Path without git's b/ prefix; null when the file was deleted (/dev/null). */
  newPath: string | null;
  hunks: TDiffHunk[];
};

/** A side-by-side row: old on the left, new on the right; context and collapsed rows on both. */
export type TSideBySideRow = { left?: TDiffRow; right?: TDiffRow };
