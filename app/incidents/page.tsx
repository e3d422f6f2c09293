import type { Metadata } from "next";
import { requireViewer } from "@/app/_components/require-viewer";
import { listIncidents } from "@/lib/incidents/list-incidents";
import type { IncidentSummary, Jsonified } from "@/lib/incidents/schemas";
import { IncidentList } from "./incident-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await requireViewer("/incidents");
  const incidents = await listIncidents({ status: undefined, limit: 200 });
  // The client component receives exactly what the API would send.
  const initial = JSON.parse(JSON.stringify(incidents)) as Jsonified<IncidentSummary>[];
  return (
    <>
      <h1>Incidents</h1>
      <IncidentList initialIncidents={initial} serverNow={new Date().toISOString()} />
    </>
  );
}
