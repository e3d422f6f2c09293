import type { TWarning, TWarningCode } from "@/lib/remediation/schemas";

// A word for each code, so the kind of warning does not rest on its colour alone.
const LABELS: Record<TWarningCode, string> = {
  not_reverted: "Not reverted",
  included: "Included",
  plain_text: "Plain text",
  secret_redacted: "Secret hidden",
  no_change: "No change",
};

/** What the remediation leaves alone or hides; a document left as it is is announced. */
export function DiffWarnings({
  warnings,
  onInclude,
}: {
  warnings: TWarning[];
  /** Offered on each document a rollback leaves but could take: starts a rollback with it. */
  onInclude?: (document: string) => void;
}) {
  if (warnings.length === 0) return null;
  return (
    <ul className="diff-warnings">
      {warnings.map((warning) => (
        <li
          // Warnings have no id; code, place and message together tell them apart.
          key={`${warning.code}|${warning.path ?? ""}|${warning.document ?? ""}|${warning.message}`}
          className={`diff-warning ${warning.code}`}
          data-testid="diff-warning"
          data-code={warning.code}
          role={warning.code === "not_reverted" ? "alert" : undefined}
        >
          <b className="diff-warning-label">{LABELS[warning.code]}</b>
          <span>{warning.message}</span>
          {warning.path || warning.document ? (
            <span className="mono subtle">
              {[warning.path, warning.document].filter(Boolean).join(" · ")}
            </span>
          ) : null}
          {onInclude && warning.canInclude && warning.document ? (
            <button
              type="button"
              className="link-button"
              onClick={() => onInclude(warning.document as string)}
            >
              Add it to a rollback
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
