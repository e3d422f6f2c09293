"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/app/_components/fetch-json";
import type { Jsonified } from "@/lib/incidents/schemas";
import type { TIncidentRemediations } from "@/lib/remediation/schemas";
import type { TIncidentHypotheses } from "@/lib/scoring/get-incident-hypotheses";
import { ConfirmRootCause } from "./confirm-root-cause";

type THypotheses = Jsonified<TIncidentHypotheses>;

/** Ranked root-cause hypotheses, live: the calibrated %, why, and the fix one click away. */
export function HypothesisList({
  incidentId,
  canRespond,
  initialData,
}: {
  incidentId: number;
  canRespond: boolean;
  /** Rendered with the page, so the ranking shows with the map. */
  initialData?: THypotheses;
}) {
  const { data, error } = useQuery({
    queryKey: ["hypotheses", incidentId],
    queryFn: () => fetchJson<THypotheses>(`/api/incidents/${incidentId}/hypotheses`),
    initialData,
    refetchInterval: 5_000,
    staleTime: 5_000,
  });
  // The same query as the Remediations section: the fix for a blamed change, one click away.
  const { data: fixes } = useQuery({
    queryKey: ["remediations", incidentId],
    queryFn: () =>
      fetchJson<Jsonified<TIncidentRemediations>>(`/api/incidents/${incidentId}/remediations`),
  });
  const fixFor = (hypothesis: THypotheses["hypotheses"][number]) =>
    hypothesis.change
      ? fixes?.remediations.find(
          (fix) => fix.origin === "suggested" && fix.service === hypothesis.service && !fix.isEmpty,
        )
      : undefined;
  if (error) return <p className="error">Hypotheses could not be loaded: {error.message}</p>;
  if (!data) return <p className="subtle">Ranking hypotheses…</p>;
  return (
    <div className="hypotheses" data-testid="hypotheses">
      <p className={`confidence-note ${data.note.level}`} data-testid="confidence-note" role="note">
        {data.note.message}
      </p>
      {data.hypotheses.length === 0 ? (
        <p className="subtle">No service of this incident is in the dependency graph yet.</p>
      ) : (
        <ol className="panel hypothesis-list">
          {data.hypotheses.map((hypothesis) => (
            <li key={hypothesis.id} data-testid="hypothesis" data-service={hypothesis.service}>
              <span className="probability" data-testid="hypothesis-probability">
                {hypothesis.probability === null
                  ? `#${hypothesis.rank}`
                  : `${Math.round(hypothesis.probability * 100)}%`}
              </span>
              <span>
                <b className="mono">{hypothesis.service}</b>{" "}
                {hypothesis.change
                  ? `${hypothesis.change.kind} ${hypothesis.change.version ?? ""}`
                  : "no recent change"}
                <span className="subtle"> · {hypothesis.explanation.join(" · ")}</span>
              </span>
              {fixFor(hypothesis) ? (
                <a className="fix-link" href={`#remediation-${fixFor(hypothesis)?.id}`}>
                  {fixFor(hypothesis)?.summary} →
                </a>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {data.model ? (
        <p className="subtle">
          Scored by model version #{data.model.id}. <a href="/calibration">How honest is it?</a>
        </p>
      ) : null}
      <ConfirmRootCause
        incidentId={incidentId}
        hypotheses={data.hypotheses}
        confirmed={data.confirmedCause}
        canRespond={canRespond}
      />
    </div>
  );
}
