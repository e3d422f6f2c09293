import type { TFailureMode } from "@/lib/catalog/schemas";

/** One known failure mode from the catalog: what it looks like and what to do. */
export function FailureModeCard({ mode }: { mode: TFailureMode }) {
  return (
    <div className="failure-mode" data-testid="failure-mode">
      <b>{mode.symptom}</b>
      {mode.likelyCause ? <div>Likely cause: {mode.likelyCause}</div> : null}
      {mode.check ? <div>Check: {mode.check}</div> : null}
      {mode.remediation ? <div>Remediation: {mode.remediation}</div> : null}
      {mode.escalation ? <div>Escalation: {mode.escalation}</div> : null}
    </div>
  );
}
