import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { getIncidentOrThrow } from "@/lib/incidents/get-incident";
import { type IncidentDetail, type Jsonified, ZIncidentId } from "@/lib/incidents/schemas";
import { IncidentView } from "./incident-view";

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
  const initial = JSON.parse(JSON.stringify(incident)) as Jsonified<IncidentDetail>;
  return <IncidentView initialIncident={initial} serverNow={new Date().toISOString()} />;
}
