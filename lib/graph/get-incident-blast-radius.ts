import { type TFailureMode, ZServiceMetadata } from "../catalog/schemas";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { Severity } from "../generated/prisma/enums";
import { loadServiceSignals } from "../signals/load-service-signals";
import { computeBlastRadius } from "./compute-blast-radius";
import { computeMapLayout } from "./compute-map-layout";
import { listIncidentOriginIds, listTracedServiceIds } from "./list-traced-services";
import { loadServiceGraph } from "./load-service-graph";
import { matchFailureModes } from "./match-failure-modes";
import type { BlastRadius, ServiceGraph } from "./schemas";

/** What the side panel shows for a service on the map. */
export type ServicePanel = {
  slug: string;
  name: string;
  tier: number | null;
  owner: string | null;
  onCall: string | null;
  runbookUrl: string | null;
  healthEndpoint: string | null;
  description: string | null;
  dashboard: { title: string; url: string } | null;
  /** Failure modes whose symptom matches one of its firing alerts. */
  failureModes: TFailureMode[];
  firingAlerts: { id: number; name: string; severity: Severity; summary: string | null }[];
  /** Dependencies its catalog names that no import has brought yet. */
  waitingFor: string[];
};

export type IncidentBlastRadius = BlastRadius & {
  incidentId: number;
  positions: Record<number, { x: number; y: number }>;
  services: Record<number, ServicePanel>;
};

const MAX_FIRING_ALERTS_LISTED = 2_000;

/**
 * The incident's blast radius: traced from its origin service (and any of its services that trace
 * misses), coloured by live signals, laid out.
 */
export async function getIncidentBlastRadius(
  incidentId: number,
  now = new Date(),
): Promise<IncidentBlastRadius> {
  const prisma = await getPrisma();
  const { blastRadius, graph, serviceIds } = await traceIncidentBlastRadius(incidentId, now);
  const [details, firing] = await Promise.all([
    prisma.service.findMany({ where: { id: { in: serviceIds } } }),
    prisma.alert.findMany({
      where: { status: "firing", serviceId: { in: serviceIds } },
      select: { id: true, serviceId: true, name: true, severity: true, summary: true },
      orderBy: { startsAt: "desc" },
      take: MAX_FIRING_ALERTS_LISTED,
    }),
  ]);
  const services: Record<number, ServicePanel> = {};
  for (const service of details) {
    const metadata = ZServiceMetadata.safeParse(service.metadata).data ?? {};
    const firingAlerts = firing
      .filter((alert) => alert.serviceId === service.id)
      .map(({ serviceId, ...alert }) => alert);
    services[service.id] = {
      slug: service.slug,
      name: service.name,
      tier: service.tier,
      owner: service.owner,
      onCall: service.onCall,
      runbookUrl: service.runbookUrl,
      healthEndpoint: service.healthEndpoint,
      description: metadata.description ?? null,
      dashboard: metadata.dashboards?.[0] ?? null,
      failureModes: matchFailureModes(metadata.failureModes ?? [], firingAlerts),
      firingAlerts,
      waitingFor: (graph.pendingOf.get(service.id) ?? []).map((edge) => edge.targetRef),
    };
  }
  const positions = Object.fromEntries(computeMapLayout(blastRadius.nodes, blastRadius.edges));
  return { ...blastRadius, incidentId, positions, services };
}

/** The blast radius alone, without layout or side panels: for scoring, which needs the states. */
export async function traceIncidentBlastRadius(
  incidentId: number,
  now = new Date(),
): Promise<{ blastRadius: BlastRadius; graph: ServiceGraph; serviceIds: number[] }> {
  const prisma = await getPrisma();
  const incident = await prisma.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      originServiceId: true,
      services: { select: { serviceId: true }, orderBy: { firstAlertAt: "asc" } },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
  const originId = incident.originServiceId ?? incident.services[0]?.serviceId;
  const graph = await loadServiceGraph();
  const flows = await prisma.businessFlow.findMany();
  if (originId === undefined || !graph.services.has(originId)) {
    throw new AppError("NOT_FOUND", `Incident ${incidentId} has no service to trace from yet.`);
  }
  // The traced set is known from the graph alone; signals are loaded for just those services.
  const originIds = listIncidentOriginIds(
    graph,
    originId,
    incident.services.map((service) => service.serviceId),
  );
  const serviceIds = listTracedServiceIds(graph, originIds);
  const signals = await loadServiceSignals(serviceIds, now);
  const blastRadius = computeBlastRadius({ graph, originIds, signals, flows });
  return { blastRadius, graph, serviceIds };
}
