import { formatAge, formatTimestamp } from "@/lib/format-time";
import type { IncidentAlert, Jsonified } from "@/lib/incidents/schemas";

export function AlertTable({ alerts, now }: { alerts: Jsonified<IncidentAlert>[]; now: Date }) {
  return (
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
        {alerts.map((alert) => (
          <tr key={alert.id} data-testid="alert-row">
            <td>
              <span className={`badge ${alert.status}`}>{alert.status}</span>{" "}
              <span className={`badge ${alert.severity}`}>{alert.severity}</span>
            </td>
            <td>
              <b data-testid="alert-name">{alert.name}</b>
              {alert.summary ? <div className="subtle">{alert.summary}</div> : null}
              <div className="subtle small">via {alert.source}</div>
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
            <td title={formatTimestamp(new Date(alert.startsAt))}>
              {formatAge(new Date(alert.startsAt), now)} ago
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
