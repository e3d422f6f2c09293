import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { STATE_COLOURS } from "./map-style";

/** The answer to "is this contained?", first thing above the map. */
export function BlastRadiusVerdict({ data }: { data: IncidentBlastRadius }) {
  return (
    <p className={`verdict ${data.verdict.kind}`} data-testid="verdict">
      {data.verdict.text}
    </p>
  );
}

/** What each colour and line means: the exact rules the states are computed with. */
export function MapLegend({ data }: { data: IncidentBlastRadius }) {
  return (
    <ul className="legend" data-testid="legend">
      {data.legend.map((entry) => (
        <li key={entry.state}>
          <span className="swatch" style={{ background: STATE_COLOURS[entry.state] }} />
          <b>{entry.state}</b> {entry.rule}
        </li>
      ))}
      <li>
        <span className="line-sample solid" /> critical <span className="line-sample dashed" />{" "}
        optional <span className="line-sample dotted" /> declared, never seen in traffic{" "}
        <span className="line-sample purple" /> seen in traffic, not declared; thick outline:
        origin; ★ tier 1
      </li>
    </ul>
  );
}

/** Common-cause candidates and the business flows at stake. */
export function BlastRadiusFindings({ data }: { data: IncidentBlastRadius }) {
  return (
    <div className="blast-findings">
      {data.commonCause.length > 0 ? (
        <div className="common-cause" data-testid="common-cause">
          <b>Shared dependencies of the red services</b> (single points of failure, most likely
          first):
          <ol>
            {data.commonCause.map((candidate) => (
              <li key={candidate.serviceId}>
                <span className="mono">{candidate.slug}</span> — {candidate.reason}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {data.impactedFlows.length > 0 ? (
        <div className="flows" data-testid="impacted-flows">
          <b>Business flows at stake</b>
          <ul>
            {data.impactedFlows.map((flow) => (
              <li key={flow.uniqueId}>
                <b>{flow.name}</b> via {flow.affectedServices.join(", ")}
                {flow.businessImpact ? <div>Impact: {flow.businessImpact}</div> : null}
                {flow.degradedBehavior ? (
                  <div className="subtle">Degraded: {flow.degradedBehavior}</div>
                ) : null}
                {flow.customerCommunication ? (
                  <div className="subtle">Customers: {flow.customerCommunication}</div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
