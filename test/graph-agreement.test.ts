import fs from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getBlastRadius } from "@/app/api/incidents/[id]/blast-radius/route";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { getCliContext } from "@/lib/auth/get-cli-context";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import { importCatalog } from "@/lib/catalog/import-catalog";
import { findServicesWithinHops, isPlacedInGraph } from "@/lib/graph/find-services-within-hops";
import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { isStrongEdge } from "@/lib/graph/is-strong-edge";
import { listTracedServiceIds } from "@/lib/graph/list-traced-services";
import { loadServiceGraph } from "@/lib/graph/load-service-graph";
import type { ServiceGraph } from "@/lib/graph/schemas";
import { buildAlertmanagerPayload } from "@/lib/scenarios/alertmanager-payload";
import { buildStormDeliveries } from "@/lib/scenarios/order-service-storm";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { getRequest, jsonRequest, routeParams, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

// Correlation and the map read one graph model: an incident never groups services that its own
// map does not connect by edges of the strength correlation used.
const testDb = provideTestDatabase();
let viewer: TTestActor;
beforeAll(async () => {
  viewer = await createTestActor("viewer");
});
let token = "";
let graph: ServiceGraph;

const readExample = (name: string) => ({
  name,
  text: fs.readFileSync(`examples/ecommerce/${name}`, "utf8"),
});

beforeAll(async () => {
  // The demo shop as the demo loads it: its CALM catalog, then the traffic tracing saw.
  await importCatalog(getCliContext(), "calm", [readExample("ecommerce.calm.json")], "calm:shop");
  await importCatalog(
    getCliContext(),
    "service-graph",
    [readExample("service-graph.prom")],
    "service-graph:shop",
  );
  token = (await createTestIntegration("alertmanager")).secret;
  graph = await loadServiceGraph();
});

beforeEach(async () => {
  const prisma = testDb.db.prisma;
  await prisma.timelineEvent.deleteMany();
  await prisma.alert.deleteMany();
  await prisma.incident.deleteMany();
});

const slugOf = (id: number) => graph.services.get(id)?.slug ?? String(id);
async function fire(slugs: string[]): Promise<void> {
  for (const slug of slugs) {
    const payload = buildAlertmanagerPayload(
      [
        {
          labels: { alertname: "Down", service: slug, severity: "critical" },
          startsAt: new Date(),
        },
      ],
      { groupLabels: { service: slug } },
    );
    expect((await postAlertmanager(jsonRequest("/x", payload, bearer(token)))).status).toBe(202);
  }
  await settleCorrelation();
}

async function blastRadiusOf(incidentId: number): Promise<IncidentBlastRadius> {
  const response = await getBlastRadius(
    getRequest("/x", viewer.headers),
    routeParams({ id: String(incidentId) }),
  );
  expect(response.status).toBe(200);
  return response.json();
}

/** Every incident's placed services lie in one component of its map's strong edges. */
async function expectEveryMapConnectsItsIncident(): Promise<number> {
  const incidents = await testDb.db.prisma.incident.findMany({
    select: { id: true, services: { select: { serviceId: true } } },
  });
  for (const incident of incidents) {
    const map = await blastRadiusOf(incident.id);
    const neighbours = new Map<number, number[]>();
    const link = (a: number, b: number) => neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    for (const edge of map.edges) {
      if (!isStrongEdge(edge, graph.hasObservations)) continue;
      link(edge.from, edge.to);
      link(edge.to, edge.from);
    }
    const placed = incident.services
      .map((service) => service.serviceId)
      .filter((id) => isPlacedInGraph(graph, id));
    const [first] = placed;
    if (first === undefined) continue;
    const reached = new Set([first]);
    const queue = [first];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const neighbour of neighbours.get(next) ?? []) {
        if (reached.has(neighbour)) continue;
        reached.add(neighbour);
        queue.push(neighbour);
      }
    }
    const unconnected = placed.filter((id) => !reached.has(id)).map(slugOf);
    expect(unconnected, `incident ${incident.id} groups services its map does not connect`).toEqual(
      [],
    );
  }
  return incidents.length;
}

describe("an incident and its own map agree", () => {
  it("for the seed's order-service storm", async () => {
    for (const delivery of buildStormDeliveries(new Date())) {
      await postAlertmanager(jsonRequest("/x", delivery.payload, bearer(token)));
    }
    await settleCorrelation();
    expect(await expectEveryMapConnectsItsIncident()).toBe(3);
  });

  it("for two services that only share a dependency, which the origin's trace alone misses", async () => {
    // Two services within two strong hops, neither upstream nor downstream of the other.
    const [first, second] = findSiblings();
    await fire([first, second]);
    const incidents = await testDb.db.prisma.incident.findMany();
    expect(incidents).toHaveLength(1);
    const map = await blastRadiusOf(incidents[0]?.id ?? 0);
    expect(map.nodes.map((node) => node.slug)).toEqual(expect.arrayContaining([first, second]));
    await expectEveryMapConnectsItsIncident();
  });

  it("for the two ends of a declared edge that traffic never showed", async () => {
    await applyCatalogSnapshot({
      source: "test:legacy",
      services: [
        { slug: "legacy-batch", name: "legacy-batch" },
        { slug: "legacy-db", name: "legacy-db" },
      ],
      dependencies: [{ from: "legacy-batch", to: "legacy-db", criticality: "critical" }],
      flows: [],
    });
    graph = await loadServiceGraph();
    expect(graph.hasObservations).toBe(true);
    await fire(["legacy-batch", "legacy-db"]);
    // The map draws that edge weak, so correlation must not join across it either.
    expect(await expectEveryMapConnectsItsIncident()).toBe(2);
  });
});

function findSiblings(): [string, string] {
  for (const service of graph.services.values()) {
    if (!isPlacedInGraph(graph, service.id)) continue;
    const traced = new Set(listTracedServiceIds(graph, [service.id]));
    for (const [other, hops] of findServicesWithinHops(graph, service.id, 2)) {
      if (hops === 2 && !traced.has(other)) return [service.slug, slugOf(other)];
    }
  }
  throw new Error("the demo shop has no two services sharing only a dependency");
}
