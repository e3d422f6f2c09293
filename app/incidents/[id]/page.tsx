import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { formatAge, formatTimestamp } from "@/lib/format-time";
import { getIncidentOrThrow } from "@/lib/incidents/get-incident";
import type { IncidentDetail } from "@/lib/incidents/schemas";
import { ZIncidentId } from "@/lib/incidents/schemas";

export const dynamic = "force-dynamic";

type PageProps = { params: Promise<{ id: string }> };

async function loadIncident(rawId: string): Promise<IncidentDetail> {
  const id = ZIncidentId.safeParse(rawId);
  if (!id.success) notFound();
  try {
    return await getIncidentOrThrow(id.data);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const incident = await loadIncident((await params).id);
  return { title: `#${incident.id} ${incident.title}` };
}

export default async function IncidentPage({ params }: PageProps) {
  const incident = await loadIncident((await params).id);
  const now = new Date();
  return (
    <>
      <h1>
        #{incident.id} {incident.title}
      </h1>
      <div className="facts">
        <span className={`badge ${incident.status}`}>{incident.status}</span>
        <span className={`badge ${incident.severity}`}>{incident.severity}</span>
        <span>
          service <b className="mono">{incident.originService?.slug ?? "—"}</b>
        </span>
        <span title={formatTimestamp(incident.openedAt)}>
          opened <b>{formatAge(incident.openedAt, now)}</b> ago
        </span>
        <span>
          <b>{incident.firingAlertCount}</b> firing of <b>{incident.alertCount}</b> alerts
        </span>
      </div>

      <h2>Alerts</h2>
      <table className="list" data-testid="alert-list">
        <thead>
          <tr>
            <th>Status</th>
            <th>Alert</th>
            <th>Service</th>
            <th>Labels</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {incident.alerts.map((alert) => (
            <tr key={alert.id} data-testid="alert-row">
              <td>
                <span className={`badge ${alert.status}`}>{alert.status}</span>{" "}
                <span className={`badge ${alert.severity}`}>{alert.severity}</span>
              </td>
              <td>
                <b data-testid="alert-name">{alert.name}</b>
                {alert.summary ? <div className="subtle">{alert.summary}</div> : null}
              </td>
              <td className="mono">{alert.service.slug}</td>
              <td>
                <div className="labels">
                  {Object.entries(alert.labels).map(([key, value]) => (
                    <span className="label" key={key}>
                      {key}={value}
                    </span>
                  ))}
                </div>
              </td>
              <td title={formatTimestamp(alert.startsAt)}>{formatAge(alert.startsAt, now)} ago</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Timeline</h2>
      <ul className="timeline panel" data-testid="timeline">
        {incident.timeline.map((event) => (
          <li key={event.id}>
            <span className="mono subtle">{formatTimestamp(event.at)}</span>
            <span className="mono">{event.kind}</span>
            <span>{event.text}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
