// Test fixture: the seed shop as graph input, services numbered 1..n in catalog order.
import { ECOMMERCE_TOPOLOGY } from "../../prisma/seed/ecommerce-topology";
import type { BusinessFlow, GraphEdge, GraphService } from "./schemas";

export const SHOP_SERVICES: GraphService[] = ECOMMERCE_TOPOLOGY.services.map((service, index) => ({
  id: index + 1,
  slug: service.slug,
  name: service.name,
  tier: service.tier ?? null,
  isUnmapped: false,
}));

const idsBySlug = new Map(SHOP_SERVICES.map((service) => [service.slug, service.id]));

export function shopId(slug: string): number {
  const id = idsBySlug.get(slug);
  if (id === undefined) throw new Error(`no service ${slug} in the seed shop`);
  return id;
}

export function shopSlug(id: number): string {
  const service = SHOP_SERVICES[id - 1];
  if (!service) throw new Error(`no service ${id} in the seed shop`);
  return service.slug;
}

/** The seed's edges, all declared unless `provenanceOf` says otherwise for "from>to". */
export function shopEdges(
  provenanceOf: (pair: string) => GraphEdge["provenance"] = () => "declared",
): GraphEdge[] {
  return ECOMMERCE_TOPOLOGY.dependencies.map((edge) => ({
    from: shopId(edge.from),
    to: shopId(edge.to),
    kind: edge.kind ?? "sync",
    criticality: edge.criticality ?? "critical",
    provenance: provenanceOf(`${edge.from}>${edge.to}`),
  }));
}

export const SHOP_FLOWS: BusinessFlow[] = ECOMMERCE_TOPOLOGY.flows.map((flow) => ({
  uniqueId: flow.uniqueId,
  name: flow.name,
  serviceSlugs: flow.serviceSlugs,
  businessImpact: flow.businessImpact ?? null,
  degradedBehavior: flow.degradedBehavior ?? null,
  customerCommunication: flow.customerCommunication ?? null,
  sla: flow.sla ?? null,
}));

/** A bare service `s<id>` for small hand-made graphs. */
export function testService(id: number, isUnmapped = false): GraphService {
  return { id, slug: `s${id}`, name: `S${id}`, tier: null, isUnmapped };
}

/** from → to, critical and declared unless `overrides` says otherwise. */
export function testEdge(from: number, to: number, overrides: Partial<GraphEdge> = {}): GraphEdge {
  return { from, to, kind: "sync", criticality: "critical", provenance: "declared", ...overrides };
}
