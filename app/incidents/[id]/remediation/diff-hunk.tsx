import { type RefObject, useEffect, useRef, useState } from "react";
import type { TDiffHunk, TDiffRow } from "@/lib/remediation/view/schemas";
import { expandRows, toSideBySide } from "@/lib/remediation/view/to-side-by-side";
import type { TDiffLayout } from "./diff-layout";

type TRowProps = {
  focusRow: TDiffRow | null;
  focusRef: RefObject<HTMLTableRowElement | null>;
  onExpand: (row: TDiffRow) => void;
};

/** One hunk: its header naming the document, then its lines; folded context expands in place. */
export function DiffHunk({ hunk, view }: { hunk: TDiffHunk; view: TDiffLayout }) {
  const [expanded, setExpanded] = useState<ReadonlySet<TDiffRow>>(new Set());
  // The first revealed line takes focus, as the button that was clicked is gone.
  const [focusRow, setFocusRow] = useState<TDiffRow | null>(null);
  const focusRef = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    if (focusRow) focusRef.current?.focus();
  }, [focusRow]);
  const onExpand = (row: TDiffRow) => {
    setExpanded((current) => new Set([...current, row]));
    setFocusRow(row.hidden?.[0] ?? null);
  };
  const indexes = new Set(hunk.rows.flatMap((row, index) => (expanded.has(row) ? [index] : [])));
  const rows = expandRows(hunk.rows, indexes);
  const props: TRowProps = { focusRow, focusRef, onExpand };
  return (
    <tbody>
      <tr className="diff-hunk-header">
        <th className="diff-hunk-title" scope="colgroup" colSpan={view === "unified" ? 4 : 6}>
          {hunk.section ? <span className="diff-section">{hunk.section}</span> : null}
          <span className="mono subtle">{hunk.header.replace(/ @@ .*$/, " @@")}</span>
        </th>
      </tr>
      {view === "unified"
        ? rows.map((row) => <UnifiedRow key={keyOf(row)} row={row} {...props} />)
        : toSideBySide(rows).map((pair) => (
            <SplitRow key={`${keyOf(pair.left)}|${keyOf(pair.right)}`} {...pair} {...props} />
          ))}
    </tbody>
  );
}

function UnifiedRow({ row, ...props }: { row: TDiffRow } & TRowProps) {
  if (row.kind === "collapsed") return <CollapsedRow row={row} colSpan={4} {...props} />;
  return (
    <tr
      className={`diff-line ${row.kind}`}
      data-testid="diff-line"
      data-kind={row.kind}
      {...focusProps(row, props)}
    >
      <td className="diff-num">{row.oldLine}</td>
      <td className="diff-num">{row.newLine}</td>
      <Marker kind={row.kind} />
      <td className="diff-code">{row.text}</td>
    </tr>
  );
}

function SplitRow({ left, right, ...props }: { left?: TDiffRow; right?: TDiffRow } & TRowProps) {
  const row = (left ?? right) as TDiffRow;
  if (row.kind === "collapsed") return <CollapsedRow row={row} colSpan={6} {...props} />;
  const kind = left === right ? row.kind : left && right ? "change" : row.kind;
  return (
    <tr
      className={`diff-line ${kind}`}
      data-testid="diff-line"
      data-kind={kind}
      {...focusProps(row, props)}
    >
      <Side row={left} line={left?.oldLine} side="del" />
      <Side row={right} line={right?.newLine} side="add" />
    </tr>
  );
}

function Side({ row, line, side }: { row?: TDiffRow; line?: number; side: "del" | "add" }) {
  if (!row) return <td className="diff-blank" colSpan={3} />;
  const kind = row.kind === "context" ? "context" : side;
  return (
    <>
      <td className={`diff-num ${kind}`}>{line}</td>
      <Marker kind={kind} />
      <td className={`diff-code ${kind}`}>{row.text}</td>
    </>
  );
}

const MARKERS = {
  add: { sign: "+", label: "added" },
  del: { sign: "−", label: "removed" },
  context: { sign: "", label: "" },
  collapsed: { sign: "", label: "" },
} as const;

/** The + / − sign, so additions and deletions do not differ by colour alone. */
function Marker({ kind }: { kind: TDiffRow["kind"] }) {
  const marker = MARKERS[kind];
  return (
    <td className={`diff-marker ${kind}`}>
      <span aria-hidden="true">{marker.sign}</span>
      {marker.label ? <span className="diff-sr-only">{marker.label}</span> : null}
    </td>
  );
}

function CollapsedRow({ row, colSpan, onExpand }: { row: TDiffRow; colSpan: number } & TRowProps) {
  const count = row.hiddenCount ?? 0;
  return (
    <tr className="diff-line collapsed" data-testid="diff-line" data-kind="collapsed">
      <td className="diff-collapsed" colSpan={colSpan}>
        <button type="button" className="diff-expand" onClick={() => onExpand(row)}>
          {`Show ${count} unchanged line${count === 1 ? "" : "s"}`}
        </button>
      </td>
    </tr>
  );
}

function focusProps(row: TDiffRow, { focusRow, focusRef }: TRowProps) {
  return row === focusRow ? { ref: focusRef, tabIndex: -1 } : {};
}

function keyOf(row: TDiffRow | undefined): string {
  return row ? `${row.kind}-${row.oldLine ?? ""}-${row.newLine ?? ""}` : "";
}
