import { redirect } from "next/navigation";
import { requireViewer } from "@/app/_components/require-viewer";
import { decodeRouteParam } from "@/lib/http";
import { findIncidentIdByPagerdutyId } from "@/lib/incidents/find-incident-by-pagerduty-id";

export const dynamic = "force-dynamic";

// The link responders click from PagerDuty: /incidents/pd/<PagerDuty incident id>.
export default async function PagerdutyIncidentRedirect({
  params,
}: {
  params: Promise<{ pagerdutyId: string }>;
}) {
  const { pagerdutyId } = await params;
  await requireViewer(`/incidents/pd/${encodeURIComponent(pagerdutyId)}`);
  const id = await findIncidentIdByPagerdutyId(decodeRouteParam(pagerdutyId));
  if (id !== null) redirect(`/incidents/${id}`);
  return (
    <div className="panel empty" data-testid="pagerduty-not-found">
      <h1>No incident for PagerDuty incident {pagerdutyId}</h1>
      <p>
        Faultline has not received this PagerDuty incident. Check that the PagerDuty webhook
        subscription points at /api/webhooks/pagerduty. <a href="/incidents">All incidents</a>
      </p>
    </div>
  );
}
