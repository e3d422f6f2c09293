import type { CatalogSnapshot, DependencyInput, ServiceInput } from "../schemas";
import { listFlowTransitions, type TCalmWriteLink } from "./list-flow-transitions";

const CALM_SCHEMA = "https://calm.finos.org/release/1.2/meta/calm.json";

/** People who use the system, and the services they use directly. */
export type TCalmActor = { uniqueId: string; name: string; description: string; uses: string[] };
export type TCalmWriteOptions = {
  uniqueId: string;
  name: string;
  description: string;
  /** A system node composed of every service. */
  system?: { uniqueId: string; name: string; description: string };
  actors?: TCalmActor[];
};

/**
 * Writes a snapshot as a CALM architecture: a node per service with its operational metadata,
 * a connects relationship per dependency, and flows whose transitions walk their services in
 * order, so that parseCalm reads the same snapshot back.
 */
export function writeCalm(snapshot: CatalogSnapshot, options: TCalmWriteOptions): string {
  const services = new Map(snapshot.services.map((service) => [service.slug, service]));
  const actors = options.actors ?? [];
  const links: TCalmWriteLink[] = [
    ...actors.flatMap((actor) =>
      actor.uses.map((slug) => ({
        id: `${actor.uniqueId}-uses-${slug}`,
        type: "interacts" as const,
        nodes: [actor.uniqueId, slug],
      })),
    ),
    ...snapshot.dependencies.map((edge) => ({
      id: `${edge.from}-to-${edge.to}`,
      type: "connects" as const,
      nodes: [edge.from, edge.to],
    })),
  ];
  const architecture = {
    $schema: CALM_SCHEMA,
    "unique-id": options.uniqueId,
    name: options.name,
    description: options.description,
    nodes: [
      ...actors.map((actor) => ({
        "unique-id": actor.uniqueId,
        "node-type": "actor",
        name: actor.name,
        description: actor.description,
      })),
      ...(options.system ? [toSystemNode(options.system)] : []),
      ...snapshot.services.map(toNode),
    ],
    relationships: [
      ...actors.flatMap((actor) =>
        actor.uses.map((slug) => ({
          "unique-id": `${actor.uniqueId}-uses-${slug}`,
          description: `${actor.name} uses ${services.get(slug)?.name ?? slug}`,
          "relationship-type": { interacts: { actor: actor.uniqueId, nodes: [slug] } },
        })),
      ),
      ...snapshot.dependencies.map((edge) => toConnects(edge, services)),
      ...(options.system
        ? [
            {
              "unique-id": `${options.system.uniqueId}-composition`,
              description: `${options.system.name} is made of its services`,
              "relationship-type": {
                "composed-of": {
                  container: options.system.uniqueId,
                  nodes: snapshot.services.map((service) => service.slug),
                },
              },
            },
          ]
        : []),
    ],
    flows: snapshot.flows.map((flow) => ({
      "unique-id": flow.uniqueId,
      name: flow.name,
      description: flow.description ?? flow.name,
      transitions: listFlowTransitions(flow.uniqueId, flow.serviceSlugs, links),
      metadata: withoutNulls({
        "business-impact": flow.businessImpact,
        "degraded-behavior": flow.degradedBehavior,
        "customer-communication": flow.customerCommunication,
        sla: flow.sla,
      }),
    })),
  };
  return `${JSON.stringify(architecture, null, 2)}\n`;
}

const toSystemNode = (system: { uniqueId: string; name: string; description: string }) => ({
  "unique-id": system.uniqueId,
  "node-type": "system",
  name: system.name,
  description: system.description,
});

function toNode(service: ServiceInput) {
  return {
    "unique-id": service.slug,
    "node-type": service.metadata?.kind ?? "service",
    name: service.name,
    description: service.metadata?.description ?? service.name,
    metadata: withoutNulls({
      owner: service.owner,
      "oncall-slack": service.onCall,
      tier: service.tier,
      runbook: service.runbookUrl,
      "health-endpoint": service.healthEndpoint,
      dashboards: service.metadata?.dashboards,
      "failure-modes": service.metadata?.failureModes?.map((mode) =>
        withoutNulls({
          symptom: mode.symptom,
          "likely-cause": mode.likelyCause,
          check: mode.check,
          remediation: mode.remediation,
          escalation: mode.escalation,
        }),
      ),
      schedules: service.metadata?.schedules?.map((schedule) =>
        withoutNulls({
          name: schedule.name,
          cron: schedule.cron,
          "duration-minutes": schedule.durationMinutes,
          "time-zone": schedule.timeZone,
        }),
      ),
    }),
  };
}

// CALM's protocol list has no Kafka or Redis: such edges say their kind in metadata instead.
function toConnects(edge: DependencyInput, services: Map<string, ServiceInput>) {
  const kind = edge.kind ?? "sync";
  const targetKind = services.get(edge.to)?.metadata?.kind;
  const protocol =
    kind === "sync" ? "HTTPS" : kind === "data" && targetKind === "database" ? "JDBC" : "TCP";
  const impliedKind = protocol === "JDBC" ? "data" : "sync";
  return {
    "unique-id": `${edge.from}-to-${edge.to}`,
    description: `${edge.from} depends on ${edge.to}`,
    protocol,
    "relationship-type": {
      connects: { source: { node: edge.from }, destination: { node: edge.to } },
    },
    ...nonEmpty(
      withoutNulls({
        kind: kind === impliedKind ? null : kind,
        criticality: edge.criticality === "optional" ? "optional" : null,
      }),
    ),
  };
}

function withoutNulls<Value>(record: Record<string, Value | null | undefined>) {
  const result: Record<string, Value> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && value !== undefined) result[key] = value;
  }
  return result;
}

const nonEmpty = (metadata: Record<string, unknown>) =>
  Object.keys(metadata).length > 0 ? { metadata } : {};
