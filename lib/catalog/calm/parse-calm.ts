import { catalogError, collectCatalogIssues, type TCatalogIssues } from "../catalog-error";
import type { CatalogFile, CatalogSnapshot, ServiceInput } from "../schemas";
import { toCalmIssueError } from "./describe-calm-issue";
import { listCalmDependencies } from "./list-calm-dependencies";
import { readCalmFlows } from "./read-calm-flows";
import { readCalmRelationship, type TCalmLink } from "./read-calm-relationship";
import { type TCalmNode, ZCalmArchitecture, ZCalmNode } from "./schemas";
import { toCalmService } from "./to-calm-service";

const ARCHITECTURE = "architecture";

/**
 * Reads a FINOS CALM architecture: nodes become services (except actors and systems that only
 * group others), connects and deployed-in relationships become edges, flows become business flows.
 * An architecture is self-contained: a relationship to an unknown node is an error. Problems are
 * reported together, nodes first (a broken node would make every relationship to it look wrong).
 */
export function parseCalm(file: CatalogFile, source: string): CatalogSnapshot {
  const json = readJson(file);
  const parsed = ZCalmArchitecture.safeParse(json);
  if (!parsed.success) throw toCalmIssueError(file.name, ARCHITECTURE, "", parsed.error);
  const issues = collectCatalogIssues();
  const nodes = readNodes(file.name, parsed.data.nodes, issues);
  issues.throwIfAny();
  const nodeIds = new Set(nodes.keys());
  const links = new Map<string, TCalmLink>();
  (parsed.data.relationships ?? []).forEach((raw, index) => {
    issues.attempt(() => {
      const link = readCalmRelationship(file.name, raw, index, nodeIds);
      if (links.has(link.id)) {
        throw catalogError(file.name, `relationship ${link.id}`, "unique-id", "used twice");
      }
      links.set(link.id, link);
    });
  });
  issues.throwIfAny();

  const serviceIds = listServiceNodeIds(nodes, [...links.values()]);
  const systemOf = new Map<string, string>();
  for (const link of links.values()) {
    if (link.type !== "composed-of") continue;
    const containerName = nodes.get(link.container)?.name;
    for (const node of link.nodes) if (containerName) systemOf.set(node, containerName);
  }
  const services: ServiceInput[] = [];
  const nodeBySlug = new Map<string, string>();
  for (const node of nodes.values()) {
    const id = node["unique-id"];
    if (!serviceIds.has(id)) continue;
    issues.attempt(() => {
      const service = toCalmService(file.name, node, systemOf.get(id) ?? null);
      const taken = nodeBySlug.get(service.slug);
      if (taken) {
        throw catalogError(
          file.name,
          `node ${id}`,
          "unique-id",
          `gives the slug "${service.slug}", as node ${taken} does`,
        );
      }
      nodeBySlug.set(service.slug, id);
      services.push(service);
    });
  }
  const dependencies = listCalmDependencies(
    file.name,
    [...links.values()],
    nodes,
    serviceIds,
    issues,
  );
  const flows = issues.attempt(() =>
    readCalmFlows(file.name, parsed.data.flows ?? [], links, serviceIds),
  );
  issues.throwIfAny();
  return { source, services, dependencies, flows: flows ?? [] };
}

function readJson(file: CatalogFile): unknown {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (cause) {
    throw catalogError(file.name, ARCHITECTURE, null, `not valid JSON: ${String(cause)}`);
  }
  // A pattern describes architectures with JSON schema: its nodes sit under "properties".
  if (isRecord(json) && !("nodes" in json) && "properties" in json) {
    throw catalogError(
      file.name,
      ARCHITECTURE,
      "nodes",
      "this is a CALM pattern (a JSON schema for architectures), not an architecture: import an architecture that follows it",
    );
  }
  return json;
}

function readNodes(
  file: string,
  rawNodes: unknown[],
  issues: TCatalogIssues,
): Map<string, TCalmNode> {
  const nodes = new Map<string, TCalmNode>();
  rawNodes.forEach((raw, index) => {
    issues.attempt(() => {
      const parsed = ZCalmNode.safeParse(raw);
      if (!parsed.success) throw toCalmIssueError(file, `nodes[${index}]`, "", parsed.error);
      const id = parsed.data["unique-id"];
      if (nodes.has(id)) throw catalogError(file, `node ${id}`, "unique-id", "used twice");
      nodes.set(id, parsed.data);
    });
  });
  return nodes;
}

// Actors are people; a system that only contains other nodes is a box drawn around them.
function listServiceNodeIds(nodes: Map<string, TCalmNode>, links: TCalmLink[]): Set<string> {
  const containers = new Set<string>();
  const wired = new Set<string>();
  for (const link of links) {
    if (link.type === "composed-of") containers.add(link.container);
    if (link.type === "connects") wired.add(link.source).add(link.destination);
    if (link.type === "deployed-in")
      for (const node of [link.container, ...link.nodes]) wired.add(node);
  }
  const ids = new Set<string>();
  for (const [id, node] of nodes) {
    const type = node["node-type"];
    const isGroupingOnly = type === "system" && containers.has(id) && !wired.has(id);
    if (type !== "actor" && !isGroupingOnly) ids.add(id);
  }
  return ids;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
