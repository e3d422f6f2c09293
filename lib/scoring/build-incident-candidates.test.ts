import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "../graph/build-service-graph";
import { computeBlastRadius } from "../graph/compute-blast-radius";
import type { ServiceSignals } from "../graph/schemas";
import { SHOP_FLOWS, SHOP_SERVICES, shopEdges, shopId } from "../graph/shop-graph.fixture";
import { buildIncidentCandidates, type TCandidateInput } from "./build-incident-candidates";

const SHOP = buildServiceGraph(SHOP_SERVICES, shopEdges());
const firing: ServiceSignals = {
  firingAlertSeverity: "critical",
  firingAlertCount: 2,
  isHealthCheckFailing: false,
  isErrorRateElevated: true,
  isLatencyElevated: false,
};

function input(overrides: Partial<TCandidateInput> = {}): TCandidateInput {
  const signals = new Map(
    ["order-service", "web-frontend", "checkout-service"].map((slug) => [shopId(slug), firing]),
  );
  const blastRadius = computeBlastRadius({
    graph: SHOP,
    originIds: [shopId("order-service")],
    signals,
    flows: SHOP_FLOWS,
  });
  return {
    blastRadius,
    graph: SHOP,
    alertCounts: new Map([[shopId("order-service"), 3]]),
    signals: new Map([[shopId("order-service"), { errorRate: 0.18, latencyP99Ms: null }]]),
    changes: [{ id: 42, serviceId: shopId("order-service"), kind: "deploy", at: new Date(0) }],
    history: new Map([[shopId("orders-db"), { priorIncidents: 4, priorConfirmedSimilar: 1 }]]),
    schedules: new Map(),
    ...overrides,
  };
}

describe("buildIncidentCandidates", () => {
  it("offers the origin with and without its deploy, its suspects, and no caller that is only impacted", () => {
    const candidates = buildIncidentCandidates(input());
    const order = candidates.filter((candidate) => candidate.slug === "order-service");
    expect(order.map((candidate) => candidate.change?.id ?? null)).toEqual([null, 42]);
    expect(order[1]).toMatchObject({
      isOrigin: true,
      hopDistance: 0,
      alertCount: 3,
      errorRate: 0.18,
      latencyP99Ms: null,
      change: { kind: "deploy" },
    });
    const slugs = new Set(candidates.map((candidate) => candidate.slug));
    expect(slugs).toContain("orders-db");
    expect(slugs).toContain("payment-service");
    // web-frontend calls order-service and is red: impacted, but red, so still a hypothesis.
    expect(slugs).toContain("web-frontend");
    const db = candidates.find((candidate) => candidate.slug === "orders-db");
    expect(db).toMatchObject({ isOrigin: false, hopDistance: 1, priorIncidents: 4 });
  });

  it("counts the red services that depend on a candidate, directly or not", () => {
    const candidates = buildIncidentCandidates(input());
    const db = candidates.find((candidate) => candidate.slug === "orders-db");
    // order-service depends on orders-db; web-frontend and checkout-service depend on order-service.
    expect(db?.redDependents).toBe(3);
    const origin = candidates.find((candidate) => candidate.slug === "order-service");
    expect(origin?.redDependents).toBe(2);
  });
});
