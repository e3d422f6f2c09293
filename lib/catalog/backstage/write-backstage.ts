import { Document, Scalar } from "yaml";
import {
  type CatalogSnapshot,
  DATA_STORE_KINDS,
  type DependencyInput,
  MESSAGE_BUS_KINDS,
  type ServiceInput,
} from "../schemas";
import { FAULTLINE_ANNOTATIONS, PAGERDUTY_SERVICE_ID_ANNOTATION } from "./schemas";

const API_VERSION = "backstage.io/v1alpha1";
// Infrastructure a component needs at runtime is a Resource in Backstage; the rest Components.
const RESOURCE_KINDS = new Set([
  ...DATA_STORE_KINDS,
  ...MESSAGE_BUS_KINDS,
  "broker",
  "infrastructure",
]);

export type TBackstageSystem = { name: string; title: string; owner: string };

/**
 * Writes a snapshot as one multi-document catalog-info.yaml: a Group per owner, an optional
 * System holding every service, and a Component or Resource per service whose annotations carry
 * what Backstage has no field for, so that parseBackstage reads the same snapshot back.
 */
export function writeBackstage(snapshot: CatalogSnapshot, system?: TBackstageSystem): string {
  const services = new Map(snapshot.services.map((service) => [service.slug, service]));
  const owners = [...new Set(snapshot.services.flatMap((service) => service.owner ?? []))];
  const documents = [
    ...owners.map((owner) =>
      toDocument({
        apiVersion: API_VERSION,
        kind: "Group",
        metadata: { name: owner },
        spec: { type: "team", children: [] },
      }),
    ),
    ...(system
      ? [
          toDocument({
            apiVersion: API_VERSION,
            kind: "System",
            metadata: { name: system.name, title: system.title },
            spec: { owner: system.owner },
          }),
        ]
      : []),
    ...snapshot.services.map((service) => {
      const edges = snapshot.dependencies.filter((edge) => edge.from === service.slug);
      return toServiceDocument(service, edges, services, system?.name);
    }),
  ];
  return documents.map((document) => document.toString({ lineWidth: 0 })).join("---\n");
}

function toServiceDocument(
  service: ServiceInput,
  edges: DependencyInput[],
  services: Map<string, ServiceInput>,
  system: string | undefined,
): Document {
  const type = service.metadata?.kind ?? "service";
  const isResource = RESOURCE_KINDS.has(type);
  const refOf = (slug: string) => {
    const target = services.get(slug);
    if (!target) throw new Error(`${service.slug} -> ${slug}: no such service in the snapshot`);
    return `${RESOURCE_KINDS.has(target.metadata?.kind ?? "service") ? "resource" : "component"}:${slug}`;
  };
  for (const edge of edges) checkExpressible(edge, services);
  const refsWhere = (wanted: (edge: DependencyInput) => boolean) =>
    edges
      .filter(wanted)
      .map((edge) => refOf(edge.to))
      .join(", ") || undefined;
  const failureModes = service.metadata?.failureModes;
  const links = [
    ...(service.metadata?.dashboards ?? []).map((dashboard) => ({
      url: dashboard.url,
      title: dashboard.title,
      type: "dashboard",
      icon: "dashboard",
    })),
    ...(service.runbookUrl
      ? [{ url: service.runbookUrl, title: "Runbook", type: "runbook", icon: "docs" }]
      : []),
  ];
  const document = toDocument({
    apiVersion: API_VERSION,
    kind: isResource ? "Resource" : "Component",
    metadata: {
      name: service.slug,
      title: service.name,
      description: service.metadata?.description,
      annotations: {
        [FAULTLINE_ANNOTATIONS.tier]: service.tier ? String(service.tier) : undefined,
        [FAULTLINE_ANNOTATIONS.onCall]: service.onCall ?? undefined,
        [FAULTLINE_ANNOTATIONS.healthEndpoint]: service.healthEndpoint ?? undefined,
        [FAULTLINE_ANNOTATIONS.optionalDependencies]: refsWhere(
          (edge) => edge.criticality === "optional",
        ),
        [FAULTLINE_ANNOTATIONS.asyncDependencies]: refsWhere((edge) => edge.kind === "async"),
        [PAGERDUTY_SERVICE_ID_ANNOTATION]: service.metadata?.pagerdutyServiceId,
        [FAULTLINE_ANNOTATIONS.failureModes]: failureModes?.length
          ? JSON.stringify(failureModes, null, 2)
          : undefined,
        [FAULTLINE_ANNOTATIONS.schedules]: service.metadata?.schedules?.length
          ? JSON.stringify(service.metadata.schedules)
          : undefined,
      },
      links: links.length > 0 ? links : undefined,
    },
    spec: {
      type,
      lifecycle: isResource ? undefined : (service.metadata?.lifecycle ?? "production"),
      owner: service.owner ?? undefined,
      system,
      dependsOn: edges.length > 0 ? edges.map((edge) => refOf(edge.to)) : undefined,
    },
  });
  // JSON on several lines reads better as a literal block than as one quoted line.
  const modes = document.getIn(
    ["metadata", "annotations", FAULTLINE_ANNOTATIONS.failureModes],
    true,
  );
  if (modes instanceof Scalar) modes.type = Scalar.BLOCK_LITERAL;
  return document;
}

// parseBackstage infers "data" from the target's Resource type, reads "async" from an annotation
// and reads edges out of a message bus backwards; an edge read back differently cannot be written.
function checkExpressible(edge: DependencyInput, services: Map<string, ServiceInput>): void {
  const sourceKind = services.get(edge.from)?.metadata?.kind ?? "service";
  if (MESSAGE_BUS_KINDS.has(sourceKind)) {
    throw new Error(`${edge.from} -> ${edge.to}: an edge out of a ${sourceKind} cannot be written`);
  }
  const targetKind = services.get(edge.to)?.metadata?.kind ?? "service";
  const readsAsData = DATA_STORE_KINDS.has(targetKind);
  const kind = edge.kind ?? "sync";
  if ((kind === "data") !== readsAsData && kind !== "async") {
    throw new Error(
      `${edge.from} -> ${edge.to}: a ${kind} edge to a ${targetKind} cannot be written for Backstage`,
    );
  }
}

function toDocument(entity: Record<string, unknown>): Document {
  return new Document(dropEmpty(entity));
}

// Leaves out undefined fields and empty objects, as a hand-written file would.
function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value)
    .map(([key, child]) => [key, dropEmpty(child)] as const)
    .filter(([, child]) => child !== undefined && !isEmptyContainer(child));
  return Object.fromEntries(entries);
}

function isEmptyContainer(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}
