import { useMemo } from "react";
import type { TFileDiff } from "@/lib/remediation/schemas";
import { buildDiffRows } from "@/lib/remediation/view/build-diff-rows";
import type { TDiffFileRows } from "@/lib/remediation/view/schemas";
import { DiffHunk } from "./diff-hunk";
import type { TDiffLayout } from "./diff-layout";

/** One file: its path, how it was compared, what is hidden, then its hunks in one table. */
export function DiffFileView({
  file,
  view,
  contextLines,
}: {
  file: TFileDiff;
  view: TDiffLayout;
  contextLines: number;
}) {
  const parsed = useMemo(() => readDiff(file.diff, contextLines), [file.diff, contextLines]);
  const hunks = parsed?.flatMap((rows) => rows.hunks) ?? [];
  const first = parsed?.[0];
  return (
    <article className="diff-file panel" data-testid="diff-file" data-path={file.path}>
      <header className="diff-file-header">
        <h3 className="mono">{file.path}</h3>
        <span className="badge diff-format">{file.format.toUpperCase()}</span>
        {first && first.oldPath === null ? <span className="badge info">new file</span> : null}
        {first && first.newPath === null ? <span className="badge error">deleted</span> : null}
        {file.note ? (
          <>
            <span className="badge warning">plain text</span>
            <span className="subtle small">{file.note}</span>
          </>
        ) : null}
        {file.hasSecretChange ? (
          <span className="badge diff-secret">secret values hidden</span>
        ) : null}
      </header>
      {parsed ? (
        <table className={`diff-table ${view}`}>
          <caption className="diff-sr-only">Changes to {file.path}</caption>
          {view === "unified" ? (
            <colgroup>
              <col className="diff-col-num" />
              <col className="diff-col-num" />
              <col className="diff-col-marker" />
              <col />
            </colgroup>
          ) : (
            <colgroup>
              <col className="diff-col-num" />
              <col className="diff-col-marker" />
              <col />
              <col className="diff-col-num" />
              <col className="diff-col-marker" />
              <col />
            </colgroup>
          )}
          <thead className="diff-sr-only">
            {view === "unified" ? (
              <tr>
                <th scope="col">Old line</th>
                <th scope="col">New line</th>
                <th scope="col">Change</th>
                <th scope="col">Text</th>
              </tr>
            ) : (
              <tr>
                <th scope="col">Old line</th>
                <th scope="col">Change</th>
                <th scope="col">Old text</th>
                <th scope="col">New line</th>
                <th scope="col">Change</th>
                <th scope="col">New text</th>
              </tr>
            )}
          </thead>
          {hunks.map((hunk) => (
            // A hunk header holds its line ranges, which do not overlap within a file.
            <DiffHunk key={hunk.header} hunk={hunk} view={view} />
          ))}
        </table>
      ) : (
        <pre className="diff-raw">{file.diff}</pre>
      )}
    </article>
  );
}

/** The diff's rows, or null when it is not a unified diff this viewer can read. */
function readDiff(diff: string, contextLines: number): TDiffFileRows[] | null {
  try {
    return buildDiffRows(diff, { contextLines });
  } catch {
    return null;
  }
}
