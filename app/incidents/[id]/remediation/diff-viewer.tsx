"use client";

import { useState } from "react";
import type { TFileDiff, TWarning } from "@/lib/remediation/schemas";
import { DiffFileView } from "./diff-file-view";
import type { TDiffLayout } from "./diff-layout";
import { DiffLayoutToggle } from "./diff-layout-toggle";
import { DiffWarnings } from "./diff-warnings";

// Type-only imports from lib/remediation/schemas: its values pull in zod, whose eval probe
// breaks the page's nonce CSP (no 'unsafe-eval').

/** A remediation's reviewed diffs: warnings first, then each file, unified or side by side. */
export function DiffViewer({
  files,
  warnings,
  initialView = "unified",
  contextLines = 3,
  onInclude,
}: {
  files: TFileDiff[];
  warnings: TWarning[];
  initialView?: TDiffLayout;
  /** Unchanged lines kept beside each change; longer runs fold into "Show N unchanged lines". */
  contextLines?: number;
  onInclude?: (document: string) => void;
}) {
  const [view, setView] = useState<TDiffLayout>(initialView);
  const changed = files.filter((file) => file.diff !== "");
  return (
    <section className="diff-viewer" data-testid="diff-viewer" aria-label="Proposed changes">
      <DiffWarnings warnings={warnings} onInclude={onInclude} />
      {changed.length === 0 ? (
        <p className="subtle" data-testid="diff-empty">
          No file changes to review.
        </p>
      ) : (
        <>
          <DiffLayoutToggle view={view} onChange={setView} />
          {changed.map((file) => (
            <DiffFileView key={file.path} file={file} view={view} contextLines={contextLines} />
          ))}
        </>
      )}
    </section>
  );
}
