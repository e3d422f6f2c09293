"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ApiError, fetchJson } from "@/app/_components/fetch-json";
import type { Jsonified } from "@/lib/incidents/schemas";
import type { TExecutorTarget } from "@/lib/remediation/describe-executor-target";
import type {
  TApplyView,
  TIncidentRemediations,
  TRemediationView,
} from "@/lib/remediation/schemas";

type TRemediation = Jsonified<TRemediationView>;
type TApplied = { apply: Jsonified<TApplyView>; isRepeat: boolean };

/**
 * The explicit confirmation: repeats what will change and where, then applies exactly the hash
 * reviewed. A native modal dialog: focus stays inside, Escape cancels.
 */
export function ConfirmApplyDialog({
  remediation,
  executor,
  onClose,
}: {
  remediation: TRemediation;
  executor: TExecutorTarget;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const incidentId = remediation.incidentId;
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const apply = useMutation({
    mutationFn: () =>
      fetchJson<TApplied>(`/api/remediations/${remediation.id}/apply`, {
        method: "POST",
        body: JSON.stringify({ diffHash: remediation.diffHash }),
      }),
    onSettled: (_data, error) => {
      const moved = error instanceof ApiError && error.status === 409 ? error.body : null;
      const updated = (moved as { remediation?: TRemediation } | null)?.remediation;
      if (updated)
        queryClient.setQueryData<Jsonified<TIncidentRemediations>>(
          ["remediations", incidentId],
          (old) =>
            old && {
              ...old,
              remediations: old.remediations.map((item) =>
                item.id === updated.id ? updated : item,
              ),
            },
        );
      void queryClient.invalidateQueries({ queryKey: ["remediations", incidentId] });
      void queryClient.invalidateQueries({ queryKey: ["incident", incidentId] });
    },
  });
  const notReverted = remediation.warnings.filter((warning) => warning.code === "not_reverted");
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      data-testid="confirm-apply"
      aria-labelledby={`confirm-${remediation.id}`}
      onClose={onClose}
    >
      <h3 id={`confirm-${remediation.id}`}>{remediation.summary}?</h3>
      <p>
        Where: <b>{executor.description}</b>
      </p>
      <p>It writes {remediation.files.length === 1 ? "this file" : "these files"}:</p>
      <ul className="mono">
        {remediation.files.map((file) => (
          <li key={file.path}>
            {file.path}
            {file.documents.length > 0
              ? ` (${file.documents.map((doc) => doc.ref?.key ?? `document ${doc.index + 1}`).join(", ")})`
              : ""}
          </li>
        ))}
      </ul>
      {notReverted.length > 0 ? (
        <p className="diff-warning not_reverted">
          It does NOT change:{" "}
          {notReverted.map((warning) => warning.document ?? warning.path).join(", ")}.
        </p>
      ) : null}
      <p className="subtle">
        Pinned to diff <span className="mono">{remediation.diffHash}</span>: if the target moved
        since you reviewed it, nothing is applied and you see the new diff.
      </p>
      {apply.isSuccess ? (
        <p className="result" role="status" data-testid="apply-result">
          {apply.data.isRepeat ? "Already applied: " : "Done: "}
          {apply.data.apply.message} ({apply.data.apply.status})
        </p>
      ) : null}
      {apply.error ? (
        <p className="error" role="alert" data-testid="apply-error">
          {apply.error.message}
        </p>
      ) : null}
      <div className="controls">
        {apply.isSuccess || apply.error ? (
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              disabled={apply.isPending}
              onClick={() => apply.mutate()}
            >
              {apply.isPending ? "Applying…" : `Apply diff ${remediation.diffHash.slice(0, 12)}`}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}
