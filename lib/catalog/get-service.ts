import { getPrisma } from "../db";
import { AppError } from "../errors";
import type {
  DependencyCriticality,
  DependencyKind,
  DependencyProvenance,
  IncidentStatus,
  Severity,
} from "../generated/prisma/enums";
import { type TServiceMetadata, ZServiceMetadata } from "./schemas";

export type ServiceEdge = {
  slug: string;
  name: string;
  kind: DependencyKind;
  criticality: DependencyCriticality;
  provenance: DependencyProvenance;
  declaredSource: string | null;
  lastObservedAt: Date | null;
};

export type PendingEdge = {
  ref: string;
  targetSlug: string;
  kind: DependencyKind;
  criticality: DependencyCriticality;
  declaredSource: string;
};

export type ServiceDetail = {
  id: number;
  slug: string;
  name: string;
  tier: number | null;
  owner: string | null;
  onCall: string | null;
  runbookUrl: string | null;
  healthEndpoint: string | null;
  isUnmapped: boolean;
  catalogSource: string | null;
  metadata: TServiceMetadata;
  dependsOn: ServiceEdge[];
  dependedOnBy: ServiceEdge[];
  /** Entities its catalog names that no import has brought yet (pending edges). */
  waitingFor: PendingEdge[];
  firingAlerts: {
    id: number;
    name: string;
    severity: Severity;
    summary: string | null;
    incidentId: number | null;
  }[];
  recentIncidents: { id: number; title: string; status: IncidentStatus; openedAt: Date }[];
};

/** One service with its operational metadata, its edges both ways, and what is firing on it. */
export async function getServiceOrThrow(slug: string): Promise<ServiceDetail> {
  const prisma = await getPrisma();
  const edgeFields = {
    kind: true,
    criticality: true,
    provenance: true,
    declaredSource: true,
    lastObservedAt: true,
  } as const;
  const service = await prisma.service.findUnique({
    where: { slug },
    include: {
      dependsOn: { select: { ...edgeFields, toService: { select: { slug: true, name: true } } } },
      dependedOnBy: {
        select: { ...edgeFields, fromService: { select: { slug: true, name: true } } },
      },
      pendingDependencies: {
        select: {
          targetRef: true,
          targetSlug: true,
          kind: true,
          criticality: true,
          declaredSource: true,
        },
        orderBy: { targetRef: "asc" },
      },
      alerts: {
        where: { status: "firing" },
        select: { id: true, name: true, severity: true, summary: true, incidentId: true },
        orderBy: { startsAt: "desc" },
        take: 50,
      },
      incidents: {
        orderBy: { firstAlertAt: "desc" },
        take: 10,
        select: { incident: { select: { id: true, title: true, status: true, openedAt: true } } },
      },
    },
  });
  if (!service) throw new AppError("NOT_FOUND", `Service ${slug} does not exist.`);
  const {
    dependsOn,
    dependedOnBy,
    pendingDependencies,
    alerts,
    incidents,
    metadata,
    createdAt,
    updatedAt,
    ...fields
  } = service;
  return {
    ...fields,
    metadata: ZServiceMetadata.safeParse(metadata).data ?? {},
    dependsOn: dependsOn.map(({ toService, ...edge }) => ({ ...toService, ...edge })).sort(bySlug),
    dependedOnBy: dependedOnBy
      .map(({ fromService, ...edge }) => ({ ...fromService, ...edge }))
      .sort(bySlug),
    waitingFor: pendingDependencies.map(({ targetRef, ...edge }) => ({ ref: targetRef, ...edge })),
    firingAlerts: alerts,
    recentIncidents: incidents.map((row) => row.incident),
  };
}

function bySlug(a: { slug: string }, b: { slug: string }): number {
  return a.slug.localeCompare(b.slug);
}
