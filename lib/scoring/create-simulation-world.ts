import { buildServiceGraph } from "../graph/build-service-graph";
import { type GraphIndex, indexServiceGraph } from "../graph/index-service-graph";
import type { ServiceGraph } from "../graph/schemas";
import type { TSimulationRandom } from "./create-simulation-random";
import type { TSchedule, TTopology } from "./schemas";

/** The topology as the simulation reads it, built once per run through the one graph module. */
export type TSimulationWorld = {
  topology: TTopology;
  graph: ServiceGraph;
  index: GraphIndex;
  schedulesOf: Map<number, TSchedule[]>;
  tierOf: Map<number, number | null>;
  slugOf: Map<number, string>;
  /** How failure-prone each service is: some services cause far more incidents than others. */
  propensityOf: Map<number, number>;
  /** Services at least two others depend on: where dependency failures start. */
  sharedDependencyIds: number[];
};

export function createSimulationWorld(
  topology: TTopology,
  random: TSimulationRandom,
): TSimulationWorld {
  const graph = buildServiceGraph(
    topology.services.map((service) => ({
      id: service.id,
      slug: service.slug,
      name: service.slug,
      tier: service.tier,
      isUnmapped: false,
    })),
    topology.dependencies.map((edge) => ({
      from: edge.from,
      to: edge.to,
      kind: "sync",
      criticality: "critical",
      provenance: "declared",
    })),
  );
  const propensityOf = new Map<number, number>();
  for (const service of topology.services)
    propensityOf.set(service.id, 0.2 + 2 * random.next() ** 2);
  const sharedDependencyIds = topology.services
    .filter((service) => (graph.dependentsOf.get(service.id)?.length ?? 0) >= 2)
    .map((service) => service.id);
  return {
    topology,
    graph,
    index: indexServiceGraph(graph),
    schedulesOf: new Map(topology.services.map((service) => [service.id, service.schedules])),
    tierOf: new Map(topology.services.map((service) => [service.id, service.tier])),
    slugOf: new Map(topology.services.map((service) => [service.id, service.slug])),
    propensityOf,
    sharedDependencyIds,
  };
}
