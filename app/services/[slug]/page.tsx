import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FailureModeCard } from "@/app/_components/failure-mode-card";
import { requireViewer } from "@/app/_components/require-viewer";
import { safeHref } from "@/app/_components/safe-href";
import { describeServiceOrigin } from "@/lib/catalog/describe-service-origin";
import { getServiceOrThrow, type ServiceDetail, type ServiceEdge } from "@/lib/catalog/get-service";
import { isAppError } from "@/lib/errors";
import { formatTimestamp } from "@/lib/format-time";
import { decodeRouteParam } from "@/lib/http";

export const dynamic = "force-dynamic";

type PageProps = { params: Promise<{ slug: string }> };

async function loadService(slug: string): Promise<ServiceDetail> {
  await requireViewer(`/services/${encodeURIComponent(slug)}`);
  try {
    return await getServiceOrThrow(decodeRouteParam(slug));
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  return { title: (await loadService((await params).slug)).name };
}

export default async function ServicePage({ params }: PageProps) {
  const service = await loadService((await params).slug);
  const runbook = safeHref(service.runbookUrl);
  return (
    <>
      <h1>
        {service.name} <span className="mono subtle">{service.slug}</span>
      </h1>
      <div className="facts" data-testid="service-facts">
        {service.tier ? <span className="badge critical">tier {service.tier}</span> : null}
        {service.isUnmapped ? (
          <span className="badge warning">unmapped: only seen in alerts or traffic</span>
        ) : null}
        <span>
          owner <b>{service.owner ?? "—"}</b>
        </span>
        <span>
          on call <b>{service.onCall ?? "—"}</b>
        </span>
        {service.metadata.system ? (
          <span>
            system <b>{service.metadata.system}</b>
          </span>
        ) : null}
        {service.catalogSource ? (
          <span className="subtle">from {service.catalogSource}</span>
        ) : null}
      </div>
      {service.isUnmapped && service.metadata.mappedFrom ? (
        <p className="subtle" data-testid="service-mapped-from">
          {describeServiceOrigin(service.metadata.mappedFrom)}
        </p>
      ) : null}
      {service.metadata.description ? <p>{service.metadata.description}</p> : null}
      <dl className="panel details" data-testid="service-details">
        <dt>Runbook</dt>
        <dd>{runbook ? <a href={runbook}>{runbook}</a> : "—"}</dd>
        <dt>Health endpoint</dt>
        <dd className="mono">{service.healthEndpoint ?? "—"}</dd>
        <dt>Dashboards</dt>
        <dd>
          {(service.metadata.dashboards ?? []).map((dashboard) => {
            const href = safeHref(dashboard.url);
            return href ? (
              <div key={dashboard.url}>
                <a href={href}>{dashboard.title}</a>
              </div>
            ) : null;
          })}
          {(service.metadata.dashboards ?? []).length === 0 ? "—" : null}
        </dd>
      </dl>

      <div className="two-columns">
        <section>
          <h2>Depends on</h2>
          <EdgeList edges={service.dependsOn} testId="depends-on" />
          {service.waitingFor.length > 0 ? (
            <p className="subtle" data-testid="waiting-for">
              Waiting for:{" "}
              {service.waitingFor.map((edge, index) => (
                <span
                  key={edge.targetSlug}
                  title={`${edge.kind}, ${edge.criticality}, declared by ${edge.declaredSource}`}
                >
                  {index > 0 ? ", " : null}
                  <span className="mono">{edge.ref}</span>
                </span>
              ))}{" "}
              (not imported yet)
            </p>
          ) : null}
        </section>
        <section>
          <h2>Used by</h2>
          <EdgeList edges={service.dependedOnBy} testId="used-by" />
        </section>
      </div>

      {(service.metadata.failureModes ?? []).length > 0 ? (
        <>
          <h2>Failure modes</h2>
          {(service.metadata.failureModes ?? []).map((mode) => (
            <FailureModeCard key={mode.symptom} mode={mode} />
          ))}
        </>
      ) : null}

      <h2>Firing alerts</h2>
      {service.firingAlerts.length === 0 ? (
        <p className="subtle">None.</p>
      ) : (
        <ul>
          {service.firingAlerts.map((alert) => (
            <li key={alert.id}>
              <span className={`badge ${alert.severity}`}>{alert.severity}</span> {alert.name}
              {alert.incidentId ? (
                <Link href={`/incidents/${alert.incidentId}`}> #{alert.incidentId}</Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h2>Recent incidents</h2>
      {service.recentIncidents.length === 0 ? (
        <p className="subtle">None.</p>
      ) : (
        <ul>
          {service.recentIncidents.map((incident) => (
            <li key={incident.id}>
              <span className={`badge ${incident.status}`}>{incident.status}</span>{" "}
              <Link href={`/incidents/${incident.id}`}>
                #{incident.id} {incident.title}
              </Link>{" "}
              <span className="subtle">{formatTimestamp(incident.openedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function EdgeList({ edges, testId }: { edges: ServiceEdge[]; testId: string }) {
  if (edges.length === 0) return <p className="subtle">None.</p>;
  return (
    <table className="list" data-testid={testId}>
      <tbody>
        {edges.map((edge) => (
          <tr key={edge.slug}>
            <td>
              <Link href={`/services/${edge.slug}`}>{edge.slug}</Link>
            </td>
            <td>{edge.kind}</td>
            <td>{edge.criticality}</td>
            <td title={edge.declaredSource ?? undefined}>
              {edge.provenance === "declared"
                ? "declared, not seen in traffic"
                : edge.provenance === "observed"
                  ? "seen in traffic, not declared"
                  : "declared and seen"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
