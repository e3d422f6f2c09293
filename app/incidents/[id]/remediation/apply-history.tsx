import { formatTimestamp } from "@/lib/format-time";
import type { Jsonified } from "@/lib/incidents/schemas";
import type { TApplyView } from "@/lib/remediation/schemas";

const VERDICT = { held: "fix held", did_not_hold: "fix did not hold" } as const;

/** What was applied of this remediation: by whom, how, with which hash, and whether it held. */
export function ApplyHistory({ applies }: { applies: Jsonified<TApplyView>[] }) {
  if (applies.length === 0) return null;
  return (
    <ul className="apply-history" data-testid="apply-history">
      {applies.map((apply) => (
        <li key={apply.id} data-status={apply.status}>
          <span className={`badge apply-${apply.status}`}>{apply.status}</span>{" "}
          {apply.message ?? ""} by {apply.actor}, {formatTimestamp(new Date(apply.requestedAt))}{" "}
          <span className="mono subtle" title={apply.diffHash}>
            diff {apply.diffHash.slice(0, 12)}
          </span>
          {apply.verdict ? (
            <span className={`badge verdict-${apply.verdict}`}> {VERDICT[apply.verdict]}</span>
          ) : apply.verifyAt ? (
            <span className="subtle">
              {" "}
              · verdict at {formatTimestamp(new Date(apply.verifyAt))}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
