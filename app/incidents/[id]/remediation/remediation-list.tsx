"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/app/_components/fetch-json";
import type { Jsonified } from "@/lib/incidents/schemas";
import type { TIncidentRemediations } from "@/lib/remediation/schemas";
import { RemediationCard } from "./remediation-card";
import { StartRemediationForm } from "./start-remediation-form";

/** The incident's remediations, suggested first, each with its diff and an apply for responders. */
export function RemediationList({
  incidentId,
  canRespond,
  defaultService,
}: {
  incidentId: number;
  canRespond: boolean;
  defaultService: string;
}) {
  const { data, error } = useQuery({
    queryKey: ["remediations", incidentId],
    queryFn: () =>
      fetchJson<Jsonified<TIncidentRemediations>>(`/api/incidents/${incidentId}/remediations`),
    refetchInterval: 10_000,
  });
  const form = canRespond ? (
    <StartRemediationForm incidentId={incidentId} defaultService={defaultService} />
  ) : null;
  if (error) return <p className="error">Remediations could not be loaded: {error.message}</p>;
  if (!data) return <p className="subtle">Looking for remediations…</p>;
  if (data.remediations.length === 0)
    return (
      <div className="remediations">
        <p className="subtle" data-testid="remediations-empty">
          No remediation to suggest: no recorded change on these services has an earlier version to
          go back to.
        </p>
        {form}
      </div>
    );
  return (
    <div className="remediations" data-testid="remediations">
      {data.remediations.map((remediation) => (
        <RemediationCard
          key={remediation.id}
          remediation={remediation}
          executor={data.executor}
          canRespond={canRespond}
        />
      ))}
      {form}
    </div>
  );
}
