import { CHANGE_LOOKBACK_MINUTES } from "@/lib/changes/change-lookback";
import { formatTimestamp } from "@/lib/format-time";
import type { IncidentDetail, Jsonified } from "@/lib/incidents/schemas";

type Change = Jsonified<IncidentDetail>["changes"][number];

/** What changed on the incident's services shortly before (or since) it opened. */
export function ChangeList({ changes }: { changes: Change[] }) {
  if (changes.length === 0) {
    return (
      <p className="subtle" data-testid="changes-empty">
        No deploys, config changes or flag flips recorded on these services in the{" "}
        {CHANGE_LOOKBACK_MINUTES / 60} h before the first alert.
      </p>
    );
  }
  return (
    <ul className="timeline panel" data-testid="changes">
      {changes.map((change) => (
        <li key={change.id} data-kind={`change.${change.kind}`}>
          <span className="mono subtle">{formatTimestamp(new Date(change.at))}</span>
          <span className="mono">{change.kind}</span>
          <span>
            <b>{change.lead}</b>
            <span className="subtle">
              {" "}
              — {change.fileCount} file{change.fileCount === 1 ? "" : "s"}
              {change.author ? `, by ${change.author}` : ""}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
