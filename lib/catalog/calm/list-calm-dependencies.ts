import { toServiceSlug } from "../../ingest/map-labels";
import type { TCatalogIssues } from "../catalog-error";
import { type DependencyInput, MESSAGE_BUS_KINDS } from "../schemas";
import { toCalmIssueError } from "./describe-calm-issue";
import type { TCalmLink } from "./read-calm-relationship";
import { type TCalmNode, ZCalmEdgeMetadata } from "./schemas";

// Matched anywhere in the protocol's name, so "RabbitMQ", "IBM MQ" and "PostgreSQL" count.
const ASYNC_PROTOCOL = /amqp|kafka|mq|jms|nats|sqs|sns|pubsub/i;
const DATA_PROTOCOL = /jdbc|odbc|sql|mongo|redis|cassandra|database/i;

/**
 * Edges between services: connects (source depends on destination) and deployed-in (each member
 * depends on its container). Relationships touching a node that is not a service give no edge.
 * A connects out of a message bus draws the data flow; its consumer depends on the bus, async.
 */
export function listCalmDependencies(
  file: string,
  links: TCalmLink[],
  nodes: Map<string, TCalmNode>,
  serviceIds: Set<string>,
  issues: TCatalogIssues,
): DependencyInput[] {
  const edges = new Map<string, DependencyInput>();
  const add = (from: string, to: string, edge: Omit<DependencyInput, "from" | "to">) => {
    if (from === to || !serviceIds.has(from) || !serviceIds.has(to)) return;
    const key = `${from}\u0000${to}`;
    if (!edges.has(key))
      edges.set(key, { from: toServiceSlug(from), to: toServiceSlug(to), ...edge });
  };
  for (const link of links) {
    if (link.type === "connects") {
      const parsed = ZCalmEdgeMetadata.safeParse(link.metadata);
      if (!parsed.success) {
        issues.attempt(() => {
          throw toCalmIssueError(file, `relationship ${link.id}`, "metadata", parsed.error);
        });
        continue;
      }
      const kind = parsed.data.kind ?? kindOfProtocol(link.protocol);
      const criticality = parsed.data.criticality === "optional" ? "optional" : "critical";
      if (isMessageBus(nodes.get(link.source), kind)) {
        add(link.destination, link.source, { kind: "async", criticality });
      } else {
        add(link.source, link.destination, { kind, criticality });
      }
    }
    if (link.type === "deployed-in") {
      for (const node of link.nodes)
        add(node, link.container, { kind: "sync", criticality: "critical" });
    }
  }
  return [...edges.values()];
}

// A messagebus node, or a data asset (a queue, as drawn in FINOS's CALM Studio demos) that
// delivers over an asynchronous protocol.
function isMessageBus(node: TCalmNode | undefined, kind: string): boolean {
  const type = node?.["node-type"] ?? "";
  return MESSAGE_BUS_KINDS.has(type) || (type === "data-asset" && kind === "async");
}

function kindOfProtocol(protocol: string | null): "sync" | "async" | "data" {
  if (protocol && ASYNC_PROTOCOL.test(protocol)) return "async";
  if (protocol && DATA_PROTOCOL.test(protocol)) return "data";
  return "sync";
}
