import { toServiceSlug } from "../../ingest/map-labels";
import { catalogError } from "../catalog-error";
import type { BusinessFlowInput } from "../schemas";
import { toCalmIssueError } from "./describe-calm-issue";
import type { TCalmLink } from "./read-calm-relationship";
import { ZCalmFlow, ZCalmFlowMetadata } from "./schemas";

/**
 * Reads flows: the services a flow runs through are the service nodes of its transitions'
 * relationships, in sequence order, each once; actors and grouping nodes are left out.
 */
export function readCalmFlows(
  file: string,
  rawFlows: unknown[],
  links: Map<string, TCalmLink>,
  serviceIds: Set<string>,
): BusinessFlowInput[] {
  const seen = new Set<string>();
  return rawFlows.map((raw, index) => {
    const parsed = ZCalmFlow.safeParse(raw);
    if (!parsed.success) throw toCalmIssueError(file, `flows[${index}]`, "", parsed.error);
    const flow = parsed.data;
    const entity = `flow ${flow["unique-id"]}`;
    if (seen.has(flow["unique-id"])) throw catalogError(file, entity, "unique-id", "used twice");
    seen.add(flow["unique-id"]);
    const metadata = ZCalmFlowMetadata.safeParse(flow.metadata);
    if (!metadata.success) throw toCalmIssueError(file, entity, "metadata", metadata.error);

    const slugs: string[] = [];
    const transitions = flow.transitions
      .map((transition, at) => ({ ...transition, at }))
      .sort((a, b) => a["sequence-number"] - b["sequence-number"]);
    for (const transition of transitions) {
      const link = links.get(transition["relationship-unique-id"]);
      if (!link) {
        throw catalogError(
          file,
          entity,
          `transitions[${transition.at}].relationship-unique-id`,
          `unknown relationship "${transition["relationship-unique-id"]}"`,
        );
      }
      const nodes = listLinkNodes(link);
      if (transition.direction === "destination-to-source") nodes.reverse();
      for (const node of nodes) {
        const slug = toServiceSlug(node);
        if (serviceIds.has(node) && !slugs.includes(slug)) slugs.push(slug);
      }
    }
    const { "business-impact": impact, "degraded-behavior": degraded } = metadata.data;
    return {
      uniqueId: flow["unique-id"],
      name: flow.name,
      description: flow.description ?? null,
      serviceSlugs: slugs,
      businessImpact: impact ?? null,
      degradedBehavior: degraded ?? null,
      customerCommunication: metadata.data["customer-communication"] ?? null,
      sla: metadata.data.sla ?? metadata.data.SLA ?? null,
    };
  });
}

function listLinkNodes(link: TCalmLink): string[] {
  switch (link.type) {
    case "connects":
      return [link.source, link.destination];
    case "interacts":
      return [link.actor, ...link.nodes];
    case "composed-of":
    case "deployed-in":
      return [...link.nodes, link.container];
    case "options":
      return [];
  }
}
