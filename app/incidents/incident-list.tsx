"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "@/app/_components/fetch-json";
import { useNow } from "@/app/_components/use-now";
import { formatAge } from "@/lib/format-time";
import type { IncidentSummary, Jsonified } from "@/lib/incidents/schemas";

type Incidents = Jsonified<IncidentSummary>[];

const REFRESH_SECONDS = 2;

/** The incident list, refreshed every few seconds so a storm's counts grow in front of you. */
export function IncidentList({
  initialIncidents,
  serverNow,
}: {
  initialIncidents: Incidents;
  serverNow: string;
}) {
  const now = useNow(serverNow, 1);
  const { data, error, dataUpdatedAt } = useQuery({
    queryKey: ["incidents"],
    queryFn: () =>
      fetchJson<{ incidents: Incidents }>("/api/incidents?limit=200").then(
        (body) => body.incidents,
      ),
    initialData: initialIncidents,
    refetchInterval: REFRESH_SECONDS * 1000,
    staleTime: REFRESH_SECONDS * 1000,
  });
  return (
    <>
      <p className="subtle" data-testid="list-status">
        {error
          ? `Could not refresh: ${error.message}`
          : `Live: refreshed every ${REFRESH_SECONDS}s, last ${formatAge(new Date(dataUpdatedAt), now)} ago.`}
      </p>
      {data.length === 0 ? (
        <div className="panel empty">No incidents yet. Point a sender at one of the webhooks.</div>
      ) : (
        <table className="list" data-testid="incident-list">
          <thead>
            <tr>
              <th>Status</th>
              <th>Severity</th>
              <th>Incident</th>
              <th>Service</th>
              <th>Age</th>
              <th className="num">Services</th>
              <th className="num">Alerts</th>
            </tr>
          </thead>
          <tbody>
            {data.map((incident) => (
              <tr key={incident.id} data-testid="incident-row" data-incident-id={incident.id}>
                <td>
                  <span className={`badge ${incident.status}`}>{incident.status}</span>
                </td>
                <td>
                  <span className={`badge ${incident.severity}`}>{incident.severity}</span>
                </td>
                <td>
                  <Link href={`/incidents/${incident.id}`}>
                    #{incident.id} {incident.title}
                  </Link>
                </td>
                <td className="mono">{incident.originService?.slug ?? "—"}</td>
                <td title={incident.openedAt}>{formatAge(new Date(incident.openedAt), now)}</td>
                <td className="num">{incident.serviceCount}</td>
                <td
                  className="num"
                  data-testid="alert-count"
                  title={`${incident.firingAlertCount} firing of ${incident.alertCount}`}
                >
                  {incident.firingAlertCount}/{incident.alertCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
