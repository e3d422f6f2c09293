import type { Metadata } from "next";
import Link from "next/link";
import { formatAge } from "@/lib/format-time";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const incidents = await listIncidents({ status: undefined, limit: 200 });
  const now = new Date();
  return (
    <>
      <h1>Incidents</h1>
      <p className="subtle">Alerts arrive through the webhooks and are grouped into incidents.</p>
      {incidents.length === 0 ? (
        <div className="panel empty">
          No incidents yet. Point Alertmanager at /api/webhooks/alertmanager.
        </div>
      ) : (
        <table className="list" data-testid="incident-list">
          <thead>
            <tr>
              <th>Status</th>
              <th>Severity</th>
              <th>Incident</th>
              <th>Service</th>
              <th>Age</th>
              <th className="num">Alerts</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr key={incident.id} data-testid="incident-row">
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
                <td title={incident.openedAt.toISOString()}>{formatAge(incident.openedAt, now)}</td>
                <td
                  className="num"
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
