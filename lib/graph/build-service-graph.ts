import type { GraphEdge, GraphService, PendingGraphEdge, ServiceGraph } from "./schemas";

/**
 * Indexes the catalog both ways. Every known service gets an entry (possibly empty) in both
 * adjacency maps, so callers never need a fallback. Self-edges, edges to unknown services and
 * repeats of a from → to pair (the database keeps one per pair) are dropped.
 */
export function buildServiceGraph(
  services: GraphService[],
  edges: GraphEdge[],
  pendingEdges: PendingGraphEdge[] = [],
): ServiceGraph {
  const byId = new Map<number, GraphService>();
  const dependenciesOf = new Map<number, GraphEdge[]>();
  const dependentsOf = new Map<number, GraphEdge[]>();
  for (const service of services) {
    if (byId.has(service.id)) continue;
    byId.set(service.id, service);
    dependenciesOf.set(service.id, []);
    dependentsOf.set(service.id, []);
  }

  const targetsOf = new Map<number, Set<number>>();
  let hasObservations = false;
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    const outgoing = dependenciesOf.get(edge.from);
    const incoming = dependentsOf.get(edge.to);
    if (!outgoing || !incoming) continue;
    let targets = targetsOf.get(edge.from);
    if (!targets) {
      targets = new Set();
      targetsOf.set(edge.from, targets);
    }
    if (targets.has(edge.to)) continue;
    targets.add(edge.to);
    outgoing.push(edge);
    incoming.push(edge);
    if (edge.provenance !== "declared") hasObservations = true;
  }

  const pendingOf = new Map<number, PendingGraphEdge[]>();
  for (const pending of pendingEdges) {
    if (!byId.has(pending.from)) continue;
    pendingOf.set(pending.from, [...(pendingOf.get(pending.from) ?? []), pending]);
  }
  return { services: byId, dependenciesOf, dependentsOf, hasObservations, pendingOf };
}
