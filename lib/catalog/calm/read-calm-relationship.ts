import type { z } from "zod";
import { catalogError } from "../catalog-error";
import { toCalmIssueError } from "./describe-calm-issue";
import {
  CALM_RELATIONSHIP_TYPES,
  type TCalmRelationshipType,
  ZCalmRelationship,
  ZCalmRelationshipDetails,
} from "./schemas";

/** A relationship with its type's details read and every node id checked. */
export type TCalmLink = {
  id: string;
  protocol: string | null;
  metadata: Record<string, unknown>;
} & (
  | { type: "connects"; source: string; destination: string }
  | { type: "interacts"; actor: string; nodes: string[] }
  | { type: "composed-of" | "deployed-in"; container: string; nodes: string[] }
  | { type: "options" }
);

/**
 * Reads one relationship. The details sit under "relationship-type" ({connects: {...}}), or, as
 * some tools write it, "relationship-type" is the type's name and the details a sibling key.
 */
export function readCalmRelationship(
  file: string,
  raw: unknown,
  index: number,
  nodeIds: Set<string>,
): TCalmLink {
  const parsed = ZCalmRelationship.safeParse(raw);
  if (!parsed.success) throw toCalmIssueError(file, `relationships[${index}]`, "", parsed.error);
  const relationship = parsed.data;
  const id = relationship["unique-id"];
  const entity = `relationship ${id}`;
  const declared = relationship["relationship-type"];
  const type = typeof declared === "string" ? declared : Object.keys(declared)[0];
  if (
    !type ||
    !isRelationshipType(type) ||
    (typeof declared !== "string" && Object.keys(declared).length !== 1)
  ) {
    throw catalogError(
      file,
      entity,
      "relationship-type",
      `expected exactly one of ${CALM_RELATIONSHIP_TYPES.join(", ")}`,
    );
  }
  const field = typeof declared === "string" ? type : `relationship-type.${type}`;
  const details = typeof declared === "string" ? relationship[type] : declared[type];
  const base = { id, protocol: relationship.protocol ?? null, metadata: relationship.metadata };
  const checkNode = (node: string, where: string) => {
    if (!nodeIds.has(node))
      throw catalogError(file, entity, `${field}.${where}`, `unknown node "${node}"`);
    return node;
  };
  const read = <Schema extends z.ZodType>(schema: Schema): z.infer<Schema> => {
    const result = schema.safeParse(details);
    if (!result.success) throw toCalmIssueError(file, entity, field, result.error);
    return result.data;
  };
  switch (type) {
    case "connects": {
      const { source, destination } = read(ZCalmRelationshipDetails.connects);
      return {
        ...base,
        type,
        source: checkNode(source.node, "source.node"),
        destination: checkNode(destination.node, "destination.node"),
      };
    }
    case "interacts": {
      const { actor, nodes } = read(ZCalmRelationshipDetails.interacts);
      return {
        ...base,
        type,
        actor: checkNode(actor, "actor"),
        nodes: nodes.map((node, at) => checkNode(node, `nodes[${at}]`)),
      };
    }
    case "composed-of":
    case "deployed-in": {
      const { container, nodes } = read(ZCalmRelationshipDetails[type]);
      return {
        ...base,
        type,
        container: checkNode(container, "container"),
        nodes: nodes.map((node, at) => checkNode(node, `nodes[${at}]`)),
      };
    }
    case "options":
      read(ZCalmRelationshipDetails.options);
      return { ...base, type };
  }
}

function isRelationshipType(type: string): type is TCalmRelationshipType {
  return CALM_RELATIONSHIP_TYPES.includes(type);
}
