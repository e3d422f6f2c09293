"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "@/app/_components/fetch-json";
import { useNow } from "@/app/_components/use-now";
import { formatAge, formatTimestamp } from "@/lib/format-time";
import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import type { IncidentDetail, Jsonified } from "@/lib/incidents/schemas";
import type { TIncidentHypotheses } from "@/lib/scoring/get-incident-hypotheses";
import { AlertTable } from "./alert-table";
import { ChangeList } from "./change-list";
import { HypothesisList } from "./hypotheses/hypothesis-list";
import { BlastRadiusMap } from "./map/blast-radius-map";
import { RemediationList } from "./remediation/remediation-list";
import { StatusControls } from "./status-controls";
import { Timeline } from "./timeline";

type Incident = Jsonified<IncidentDetail>;

/** The incident page, refreshed every few seconds while it is open. */
export function IncidentView({
  initialIncident,
  initialBlastRadius,
  initialHypotheses,
  serverNow,
  canRespond,
}: {
  initialIncident: Incident;
  initialBlastRadius: IncidentBlastRadius | null;
  initialHypotheses: Jsonified<TIncidentHypotheses> | null;
  serverNow: string;
  /** Responders and up see the status buttons; the API refuses viewers all the same. */
  canRespond: boolean;
}) {
  const now = useNow(serverNow);
  const { data: incident } = useQuery({
    queryKey: ["incident", initialIncident.id],
    queryFn: () =>
      fetchJson<{ incident: Incident }>(`/api/incidents/${initialIncident.id}`).then(
        (body) => body.incident,
      ),
    initialData: initialIncident,
    refetchInterval: 3_000,
    staleTime: 3_000,
  });
  return (
    <>
      <h1>
        #{incident.id} {incident.title}
      </h1>
      <div className="facts">
        <span className={`badge ${incident.status}`} data-testid="incident-status">
          {incident.status}
        </span>
        <span className={`badge ${incident.severity}`}>{incident.severity}</span>
        <span>
          origin <b className="mono">{incident.originService?.slug ?? "—"}</b>
        </span>
        <span title={formatTimestamp(new Date(incident.openedAt))}>
          opened <b>{formatAge(new Date(incident.openedAt), now)}</b> ago
        </span>
        <span>
          <b>{incident.firingAlertCount}</b> firing of <b>{incident.alertCount}</b> alerts on{" "}
          <b>{incident.serviceCount}</b> services
        </span>
        {incident.pagerdutyIncidentId ? (
          <span>
            PagerDuty <b className="mono">{incident.pagerdutyIncidentId}</b>
          </span>
        ) : null}
        {incident.parentIncidentId ? (
          <span>
            continues{" "}
            <Link href={`/incidents/${incident.parentIncidentId}`}>
              #{incident.parentIncidentId}
            </Link>
          </span>
        ) : null}
      </div>
      {canRespond ? (
        <StatusControls incidentId={incident.id} status={incident.status} />
      ) : (
        <p className="subtle" data-testid="read-only">
          Read-only: acknowledging and resolving need the responder role.
        </p>
      )}

      <h2>What changed</h2>
      <ChangeList changes={incident.changes} />

      <h2>Likely cause</h2>
      <HypothesisList
        incidentId={incident.id}
        canRespond={canRespond}
        initialData={initialHypotheses ?? undefined}
      />

      <h2>Blast radius</h2>
      <BlastRadiusMap incidentId={incident.id} initialData={initialBlastRadius} />

      <h2>Remediations</h2>
      <RemediationList
        incidentId={incident.id}
        canRespond={canRespond}
        defaultService={incident.originService?.slug ?? ""}
      />

      <h2>Alerts</h2>
      {incident.alerts.length < incident.alertCount ? (
        <p className="subtle">
          Showing {incident.alerts.length} of {incident.alertCount} alerts, firing first.
        </p>
      ) : null}
      <AlertTable alerts={incident.alerts} now={now} />

      <h2>Timeline</h2>
      <Timeline events={incident.timeline} />
    </>
  );
}
