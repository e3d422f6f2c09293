import type {
  DependencyCriticality,
  DependencyKind,
  DependencyProvenance,
} from "../generated/prisma/enums";

/** A service as the graph algorithms see it. */
export type GraphService = {
  id: number;
  slug: string;
  name: string;
  /** 1 is the most critical tier; null when unknown. */
  tier: number | null;
  isUnmapped: boolean;
};

/** from depends on to. */
export type GraphEdge = {
  from: number;
  to: number;
  kind: DependencyKind;
  criticality: DependencyCriticality;
  provenance: DependencyProvenance;
};

/** An edge a catalog declared to something no import has brought yet (see lib/catalog). */
export type PendingGraphEdge = {
  from: number;
  /** What the catalog wrote: "resource:artists-db", "api:default/wayback-archive", … */
  targetRef: string;
  kind: DependencyKind;
  criticality: DependencyCriticality;
};

/**
 * The dependency graph with adjacency both ways, built once per catalog version and shared by
 * every computation (see build-service-graph.ts).
 */
export type ServiceGraph = {
  services: Map<number, GraphService>;
  /** Edges leaving a service: what it depends on. */
  dependenciesOf: Map<number, GraphEdge[]>;
  /** Edges arriving at a service: who depends on it. */
  dependentsOf: Map<number, GraphEdge[]>;
  /** Whether any edge was seen in traffic; without that, "declared but unobserved" means nothing. */
  hasObservations: boolean;
  /** Edges waiting for their far end, by the service that declared them: where the map is incomplete. */
  pendingOf: Map<number, PendingGraphEdge[]>;
};

/** What we know right now about one service's health. */
export type ServiceSignals = {
  /** Highest severity among its firing alerts, if any. */
  firingAlertSeverity: "critical" | "error" | "warning" | "info" | null;
  firingAlertCount: number;
  isHealthCheckFailing: boolean;
  isErrorRateElevated: boolean;
  isLatencyElevated: boolean;
};

export type NodeState = "red" | "amber" | "gray";

/** Where a node sits relative to the origin: callers are impacted, callees are suspects. */
export type NodeRole = "origin" | "impacted" | "suspect" | "impacted-and-suspect";

export type BlastRadiusNode = {
  id: number;
  slug: string;
  name: string;
  tier: number | null;
  role: NodeRole;
  state: NodeState;
  /** Why this state, in words a responder reads on the map ("firing: HighErrorRate (critical)"). */
  reasons: string[];
  /** Hops from the nearest origin: negative towards callers, positive towards dependencies. */
  depth: number;
};

export type BlastRadiusEdge = GraphEdge & {
  /** Where catalog and traffic disagree about this edge. */
  disagreement: "declared-but-unobserved" | "observed-but-undeclared" | null;
};

export type Verdict =
  | { kind: "contained"; text: string }
  | { kind: "spreading"; services: number; tier1: number; text: string };

export type BusinessFlow = {
  uniqueId: string;
  name: string;
  serviceSlugs: string[];
  businessImpact: string | null;
  degradedBehavior: string | null;
  customerCommunication: string | null;
  sla: string | null;
};

export type CommonCauseCandidate = {
  serviceId: number;
  slug: string;
  /** The red services that all depend on it (directly or not). */
  sharedBy: string[];
  /** Mean hops from those red services; nearer shared dependencies rank higher. */
  meanDistance: number;
  state: NodeState;
  score: number;
  reason: string;
};

export type BlastRadius = {
  originIds: number[];
  nodes: BlastRadiusNode[];
  edges: BlastRadiusEdge[];
  verdict: Verdict;
  impactedFlows: (BusinessFlow & { affectedServices: string[] })[];
  commonCause: CommonCauseCandidate[];
  /** The colour rule as shown in the map's legend. */
  legend: { state: NodeState; rule: string }[];
};
