import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ECOMMERCE_TOPOLOGY } from "../../prisma/seed/ecommerce-topology";
import { buildCatalogExamples } from "../../scripts/generate-catalog-examples";
import { readCatalog } from "./read-catalog";
import { readCatalogFiles } from "./read-catalog-files";
import type { CatalogFormat, CatalogSnapshot, DependencyInput, ServiceInput } from "./schemas";

const ROOT = path.join(import.meta.dirname, "..", "..");
const EXAMPLES = path.join(ROOT, "examples", "ecommerce");

const readSnapshot = (format: CatalogFormat, target: string): CatalogSnapshot => {
  const read = readCatalog(
    format,
    readCatalogFiles(path.join(EXAMPLES, target)),
    `${format}:example`,
  );
  if (read.kind !== "snapshot") throw new Error(`${format} gave observed edges`);
  return read.snapshot;
};
const describeEdge = (edge: DependencyInput) =>
  `${edge.from} -> ${edge.to} ${edge.kind ?? "sync"} ${edge.criticality ?? "critical"}`;
const listEdges = (snapshot: CatalogSnapshot) => snapshot.dependencies.map(describeEdge).sort();
const listSlugs = (snapshot: CatalogSnapshot) =>
  snapshot.services.map((service) => service.slug).sort();
// What an on-call engineer reads off a service, whichever catalog declared it.
const operationalFields = (service: ServiceInput) => ({
  slug: service.slug,
  name: service.name,
  tier: service.tier,
  owner: service.owner,
  onCall: service.onCall,
  runbookUrl: service.runbookUrl,
  healthEndpoint: service.healthEndpoint,
  kind: service.metadata?.kind,
  dashboards: service.metadata?.dashboards,
  failureModes: service.metadata?.failureModes,
});

describe("the example catalogs", () => {
  it.each(buildCatalogExamples().map((file) => [file.path, file.text]))(
    "%s is what scripts/generate-catalog-examples.ts writes",
    (file, text) => {
      expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toBe(text);
    },
  );

  it("Backstage declares the shop: 25 services, 49 edges with their kind and criticality", () => {
    const snapshot = readSnapshot("backstage", "backstage");
    expect(listSlugs(snapshot)).toEqual(listSlugs(ECOMMERCE_TOPOLOGY));
    expect(snapshot.services).toHaveLength(25);
    expect(listEdges(snapshot)).toEqual(listEdges(ECOMMERCE_TOPOLOGY));
    expect(snapshot.dependencies).toHaveLength(49);
    expect(snapshot.services.map(operationalFields)).toEqual(
      ECOMMERCE_TOPOLOGY.services.map(operationalFields),
    );
  });

  it("CALM declares the same shop, its three flows and its failure modes", () => {
    const snapshot = readSnapshot("calm", "ecommerce.calm.json");
    expect(listSlugs(snapshot)).toEqual(listSlugs(ECOMMERCE_TOPOLOGY));
    expect(listEdges(snapshot)).toEqual(listEdges(ECOMMERCE_TOPOLOGY));
    expect(snapshot.dependencies).toHaveLength(49);
    expect(snapshot.services.map(operationalFields)).toEqual(
      ECOMMERCE_TOPOLOGY.services.map(operationalFields),
    );
    const withoutDescription = snapshot.flows.map(({ description: _, ...flow }) => flow);
    expect(withoutDescription).toEqual(
      ECOMMERCE_TOPOLOGY.flows.map(({ description: _, ...flow }) => flow),
    );
    const orders = snapshot.services.find((service) => service.slug === "order-service");
    expect(orders?.metadata?.failureModes).toHaveLength(2);
    expect(orders?.metadata?.failureModes?.[1]).toEqual({
      symptom: "Pods crash looping (OOMKilled)",
      likelyCause: "Memory leak in a new revision",
      check: "kubectl describe pod: last state OOMKilled? started after a deploy?",
      remediation: "Roll back the deployment",
      escalation: "#oncall-orders",
    });
  });

  it("PagerDuty lists the same 25 services with their owners, on-call and PagerDuty ids", () => {
    const snapshot = readSnapshot("pagerduty", "pagerduty-services.json");
    expect(listSlugs(snapshot)).toEqual(listSlugs(ECOMMERCE_TOPOLOGY));
    const backstage = readSnapshot("backstage", "backstage");
    for (const service of snapshot.services) {
      const declared = backstage.services.find((each) => each.slug === service.slug);
      expect(service.owner).toBe(declared?.owner);
      expect(service.onCall).toBe(declared?.onCall);
      expect(service.metadata?.pagerdutyServiceId).toBe(declared?.metadata?.pagerdutyServiceId);
    }
    // PagerDuty dependencies are the critical synchronous ones only.
    expect(listEdges(snapshot)).toEqual(
      listEdges(ECOMMERCE_TOPOLOGY).filter((edge) => edge.endsWith(" sync critical")),
    );
  });

  it("the service graph disagrees with the catalog on exactly three edges", () => {
    const read = readCatalog(
      "service-graph",
      readCatalogFiles(path.join(EXAMPLES, "service-graph.prom")),
      "traces",
    );
    if (read.kind !== "observed") throw new Error("expected observed edges");
    const observed = new Set(read.edges.map((edge) => `${edge.client} -> ${edge.server}`));
    const declared = new Set(
      ECOMMERCE_TOPOLOGY.dependencies.map((edge) => `${edge.from} -> ${edge.to}`),
    );
    expect([...declared].filter((edge) => !observed.has(edge)).sort()).toEqual([
      "search-service -> catalog-service",
      "web-frontend -> recommendation-service",
    ]);
    expect([...observed].filter((edge) => !declared.has(edge))).toEqual([
      "shipping-service -> order-service",
    ]);
    expect(read.edges.every((edge) => edge.requests > 0)).toBe(true);
  });
});
