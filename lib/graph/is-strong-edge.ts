import type { GraphEdge } from "./schemas";

/**
 * The one definition of a strong edge, shared by correlation, the blast radius and scoring:
 * critical and, once any traffic is observed, seen in it rather than only declared.
 */
export function isStrongEdge(edge: GraphEdge, hasObservations: boolean): boolean {
  return edge.criticality === "critical" && !(hasObservations && edge.provenance === "declared");
}
