import type { BlastRadiusEdge, GraphEdge } from "./schemas";

/** Where catalog and traffic disagree; without any observed traffic, "unobserved" means nothing. */
export function findEdgeDisagreement(
  provenance: GraphEdge["provenance"],
  hasObservations: boolean,
): BlastRadiusEdge["disagreement"] {
  switch (provenance) {
    case "declared":
      return hasObservations ? "declared-but-unobserved" : null;
    case "observed":
      return "observed-but-undeclared";
    case "both":
      return null;
  }
}

export function toBlastRadiusEdge(edge: GraphEdge, hasObservations: boolean): BlastRadiusEdge {
  return {
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    criticality: edge.criticality,
    provenance: edge.provenance,
    disagreement: findEdgeDisagreement(edge.provenance, hasObservations),
  };
}
