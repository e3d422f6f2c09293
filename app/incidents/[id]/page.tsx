import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireViewer } from "@/app/_components/require-viewer";
import { hasRole } from "@/lib/auth/require-role";
import { isAppError } from "@/lib/errors";
import {
  getIncidentBlastRadius,
  type IncidentBlastRadius,
} from "@/lib/graph/get-incident-blast-radius";
import { getIncidentOrThrow } from "@/lib/incidents/get-incident";
import { type IncidentDetail, type Jsonified, ZIncidentId } from "@/lib/incidents/schemas";
import {
  getIncidentHypotheses,
  type TIncidentHypotheses,
} from "@/lib/scoring/get-incident-hypotheses";
import { IncidentView } from "./incident-view";

export const dynamic = "force-dynamic";

type PageProps = { params: Promise<{ id: string }> };

function parseIncidentId(rawId: string): number {
  const id = ZIncidentId.safeParse(rawId);
  if (!id.success) notFound();
  return id.data;
}

// Metadata and page both need the incident: one load per request, not two.
const loadIncident = cache(async (id: number): Promise<IncidentDetail> => {
  await requireViewer(`/incidents/${id}`);
  try {
    return await getIncidentOrThrow(id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const incident = await loadIncident(parseIncidentId((await params).id));
  return { title: `#${incident.id} ${incident.title}` };
}

/** Rendered with the page so the map draws without waiting for the client to ask; null when the
 * incident has no service to trace from yet (the client keeps asking). */
async function loadBlastRadius(id: number): Promise<IncidentBlastRadius | null> {
  try {
    return await getIncidentBlastRadius(id);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

export default async function IncidentPage({ params }: PageProps) {
  const id = parseIncidentId((await params).id);
  const viewer = await requireViewer(`/incidents/${id}`);
  // Hypotheses too: fetched after hydration they queued behind the page's other requests.
  const [incident, blastRadius, hypotheses] = await Promise.all([
    loadIncident(id),
    loadBlastRadius(id),
    getIncidentHypotheses(id).catch((error: unknown) => {
      if (isAppError(error)) return null;
      throw error;
    }),
  ]);
  const initial = JSON.parse(JSON.stringify(incident)) as Jsonified<IncidentDetail>;
  return (
    <IncidentView
      initialIncident={initial}
      initialBlastRadius={blastRadius}
      initialHypotheses={
        hypotheses
          ? (JSON.parse(JSON.stringify(hypotheses)) as Jsonified<TIncidentHypotheses>)
          : null
      }
      serverNow={new Date().toISOString()}
      canRespond={hasRole(viewer.role, "responder") && !viewer.isAnonymous}
    />
  );
}
