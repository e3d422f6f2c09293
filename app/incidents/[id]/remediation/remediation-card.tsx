"use client";

import { useState } from "react";
import type { Jsonified } from "@/lib/incidents/schemas";
import type { TExecutorTarget } from "@/lib/remediation/describe-executor-target";
import type { TRemediationView } from "@/lib/remediation/schemas";
import { ApplyHistory } from "./apply-history";
import { ConfirmApplyDialog } from "./confirm-apply-dialog";
import { DiffViewer } from "./diff-viewer";
import { useIncludeInRollback } from "./use-include-in-rollback";

/** One remediation: what it does, its reviewed diff and hash, what was applied, and Apply. */
export function RemediationCard({
  remediation,
  executor,
  canRespond,
}: {
  remediation: Jsonified<TRemediationView>;
  executor: TExecutorTarget;
  canRespond: boolean;
}) {
  const [isConfirming, setConfirming] = useState(false);
  const include = useIncludeInRollback(remediation);
  const canInclude = canRespond && remediation.kind === "rollback";
  const isApplied = remediation.applies.some(
    (apply) => apply.diffHash === remediation.diffHash && apply.status !== "failed",
  );
  return (
    <article
      className="panel remediation"
      data-testid="remediation"
      data-kind={remediation.kind}
      data-origin={remediation.origin}
      aria-labelledby={`remediation-${remediation.id}`}
    >
      <header className="remediation-header">
        <h3 id={`remediation-${remediation.id}`}>{remediation.summary}</h3>
        <span className="badge">{remediation.origin}</span>
        <span className="mono subtle" title={remediation.diffHash} data-testid="diff-hash">
          diff {remediation.diffHash.slice(0, 12)}
        </span>
      </header>
      <DiffViewer
        files={remediation.files}
        warnings={remediation.warnings}
        contextLines={2}
        onInclude={canInclude ? (document) => include.mutate(document) : undefined}
      />
      {include.error ? <p className="error">{include.error.message}</p> : null}
      <ApplyHistory applies={remediation.applies} />
      {canRespond && !remediation.isEmpty && !isApplied ? (
        <div className="controls">
          <button type="button" onClick={() => setConfirming(true)}>
            Review and apply…
          </button>
        </div>
      ) : null}
      {isConfirming ? (
        <ConfirmApplyDialog
          remediation={remediation}
          executor={executor}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </article>
  );
}
