import { FailureModeCard } from "@/app/_components/failure-mode-card";
import { safeHref } from "@/app/_components/safe-href";
import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";

/** Everything a responder needs about the service under the pointer, and why it has its colour. */
export function ServiceSidePanel({
  data,
  serviceId,
}: {
  data: IncidentBlastRadius | undefined;
  serviceId: number | null;
}) {
  const node = data?.nodes.find((candidate) => candidate.id === serviceId);
  const service = serviceId === null ? undefined : data?.services[serviceId];
  if (!node || !service) {
    return (
      <aside className="side-panel subtle">
        Point at a service to see its owner, on-call and runbook.
      </aside>
    );
  }
  const runbook = safeHref(service.runbookUrl);
  const dashboard = safeHref(service.dashboard?.url ?? null);
  return (
    <aside className="side-panel" data-testid="service-panel">
      <h3>
        <a href={`/services/${service.slug}`}>{service.name}</a>
      </h3>
      <p>
        <span className={`badge state-${node.state}`}>{node.state}</span> {node.role}
        {service.tier ? ` · tier ${service.tier}` : ""}
      </p>
      <p className="subtle">{node.reasons.join("; ")}</p>
      <dl>
        <dt>Owner</dt>
        <dd>{service.owner ?? "—"}</dd>
        <dt>On call</dt>
        <dd>{service.onCall ?? "—"}</dd>
        <dt>Runbook</dt>
        <dd>{runbook ? <a href={runbook}>{runbook}</a> : "—"}</dd>
        <dt>Health</dt>
        <dd className="mono">{service.healthEndpoint ?? "—"}</dd>
        <dt>Dashboard</dt>
        <dd>{dashboard ? <a href={dashboard}>{service.dashboard?.title}</a> : "—"}</dd>
        {service.waitingFor.length > 0 ? (
          <>
            <dt>Waiting for</dt>
            <dd data-testid="panel-waiting-for">
              {service.waitingFor.join(", ")} (not imported yet: the map may miss these edges)
            </dd>
          </>
        ) : null}
      </dl>
      {service.firingAlerts.length > 0 ? (
        <>
          <h4>Firing alerts</h4>
          <ul>
            {service.firingAlerts.slice(0, 8).map((alert) => (
              <li key={alert.id}>
                <span className={`badge ${alert.severity}`}>{alert.severity}</span> {alert.name}
              </li>
            ))}
            {service.firingAlerts.length > 8 ? (
              <li className="subtle">+{service.firingAlerts.length - 8} more</li>
            ) : null}
          </ul>
        </>
      ) : null}
      {service.failureModes.length > 0 ? (
        <>
          <h4>Known failure modes matching these alerts</h4>
          {service.failureModes.map((mode) => (
            <FailureModeCard key={mode.symptom} mode={mode} />
          ))}
        </>
      ) : null}
    </aside>
  );
}
