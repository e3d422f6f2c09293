import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import { computeBlastRadius } from "./compute-blast-radius";
import type { BlastRadius, GraphEdge, ServiceGraph, ServiceSignals } from "./schemas";
import { SHOP_FLOWS, SHOP_SERVICES, shopEdges, shopId, shopSlug } from "./shop-graph.fixture";

const SHOP = buildServiceGraph(SHOP_SERVICES, shopEdges());
const WEAK = "reached only through optional or unobserved dependencies";

const quiet: ServiceSignals = {
  firingAlertSeverity: null,
  firingAlertCount: 0,
  isHealthCheckFailing: false,
  isErrorRateElevated: false,
  isLatencyElevated: false,
};
const signalsOf = (entries: [string, Partial<ServiceSignals>][]) =>
  new Map(entries.map(([slug, overrides]) => [shopId(slug), { ...quiet, ...overrides }]));

function trace(
  origins: string[],
  signals: Map<number, ServiceSignals> = new Map(),
  graph: ServiceGraph = SHOP,
): BlastRadius {
  return computeBlastRadius({ graph, originIds: origins.map(shopId), signals, flows: SHOP_FLOWS });
}
const nodeOf = (radius: BlastRadius, slug: string) => {
  const node = radius.nodes.find((candidate) => candidate.slug === slug);
  if (!node) throw new Error(`${slug} is not in the blast radius`);
  return node;
};
const pairsOf = (radius: BlastRadius) =>
  radius.edges.map((edge) => `${shopSlug(edge.from)}>${shopSlug(edge.to)}`);

describe("computeBlastRadius on the seed shop", () => {
  it("traces callers as impacted and dependencies as suspects, ordered by depth then slug", () => {
    const radius = trace(["order-service"]);
    expect(radius.originIds).toEqual([shopId("order-service")]);
    expect(radius.nodes.map((node) => [node.depth, node.slug, node.role])).toEqual([
      [-1, "checkout-service", "impacted"],
      [-1, "web-frontend", "impacted"],
      [0, "order-service", "origin"],
      [1, "api-gateway-1", "suspect"],
      [1, "api-gateway-2", "suspect"],
      [1, "inventory-service", "suspect"],
      [1, "kafka", "suspect"],
      [1, "orders-db", "suspect"],
      [1, "payment-service", "suspect"],
      [1, "redis-cache", "suspect"],
      [2, "inventory-db", "suspect"],
      [2, "load-balancer", "suspect"],
      [2, "payment-provider", "suspect"],
      [2, "payments-db", "suspect"],
    ]);
    expect(nodeOf(radius, "order-service")).toMatchObject({ name: "Orders", tier: 1 });
  });

  it("keeps every edge between two traced services, and only those", () => {
    const pairs = pairsOf(trace(["order-service"]));
    expect(pairs).toHaveLength(22);
    expect(pairs).toContain("checkout-service>payment-service");
    expect(pairs).toContain("inventory-service>redis-cache");
    expect(pairs).toContain("api-gateway-2>load-balancer");
    expect(pairs).not.toContain("web-frontend>catalog-service");
    expect(pairs).not.toContain("checkout-service>cart-service");
  });

  it("colours services reached only through optional edges amber, the rest gray", () => {
    const radius = trace(["order-service"]);
    const amber = radius.nodes.filter((node) => node.state === "amber").map((node) => node.slug);
    expect(amber).toEqual(["api-gateway-1", "api-gateway-2", "redis-cache", "load-balancer"]);
    expect(nodeOf(radius, "load-balancer").reasons).toEqual([WEAK]);
    expect(nodeOf(radius, "orders-db")).toMatchObject({ state: "gray", reasons: ["no signals"] });
    expect(nodeOf(radius, "order-service")).toMatchObject({
      state: "gray",
      reasons: ["no signals"],
    });
  });

  it("says contained when only the origin is in trouble", () => {
    const radius = trace(
      ["order-service"],
      signalsOf([["order-service", { isHealthCheckFailing: true }]]),
    );
    expect(radius.verdict).toEqual({
      kind: "contained",
      text: "Contained: only order-service affected",
    });
    expect(radius.impactedFlows.map((flow) => [flow.uniqueId, flow.affectedServices])).toEqual([
      ["checkout", ["order-service"]],
      ["fulfilment", ["order-service"]],
    ]);
    expect(radius.impactedFlows[0]?.businessImpact).toContain("Customers cannot pay");
    expect(radius.commonCause).toEqual([]);
  });

  it("colours each service from its own signals and says it is spreading", () => {
    const radius = trace(
      ["order-service"],
      signalsOf([
        ["order-service", { firingAlertSeverity: "critical", firingAlertCount: 3 }],
        ["payment-service", { isHealthCheckFailing: true }],
        ["web-frontend", { isLatencyElevated: true }],
        ["checkout-service", { firingAlertSeverity: "info", firingAlertCount: 1 }],
        ["redis-cache", { firingAlertSeverity: "warning", firingAlertCount: 1 }],
        ["kafka", { firingAlertSeverity: "error", firingAlertCount: 1, isErrorRateElevated: true }],
      ]),
    );
    expect(nodeOf(radius, "order-service")).toMatchObject({
      state: "red",
      reasons: ["3 firing alerts, highest critical"],
    });
    expect(nodeOf(radius, "payment-service")).toMatchObject({
      state: "red",
      reasons: ["health check failing"],
    });
    expect(nodeOf(radius, "kafka")).toMatchObject({
      state: "red",
      reasons: ["error alert firing", "error rate elevated"],
    });
    expect(nodeOf(radius, "web-frontend")).toMatchObject({
      state: "amber",
      reasons: ["latency elevated"],
    });
    expect(nodeOf(radius, "checkout-service").reasons).toEqual(["info alert firing"]);
    expect(nodeOf(radius, "redis-cache").reasons).toEqual(["warning alert firing", WEAK]);
    // payment-service, kafka, web-frontend, checkout-service, redis-cache (tier 2); the
    // gateways and the balancer are only at risk.
    expect(radius.verdict).toEqual({
      kind: "spreading",
      services: 5,
      tier1: 4,
      text: "Spreading: 5 services, 4 tier-1",
    });
    expect(radius.impactedFlows.map((flow) => [flow.uniqueId, flow.affectedServices])).toEqual([
      ["checkout", ["web-frontend", "checkout-service", "order-service", "payment-service"]],
      ["browse", ["web-frontend"]],
      ["fulfilment", ["order-service", "kafka"]],
    ]);
  });

  it("writes the verdict in the singular for one service", () => {
    const radius = trace(
      ["order-service"],
      signalsOf([["orders-db", { isErrorRateElevated: true }]]),
    );
    expect(radius.verdict).toEqual({
      kind: "spreading",
      services: 1,
      tier1: 1,
      text: "Spreading: 1 service, 1 tier-1",
    });
  });

  it("does not count services that are amber only because of how they are reached", () => {
    const radius = trace(
      ["api-gateway-1"],
      signalsOf([["api-gateway-1", { isHealthCheckFailing: true }]]),
    );
    const impacted = radius.nodes.filter((node) => node.role === "impacted");
    expect(impacted.map((node) => node.slug)).toEqual([
      "recommendation-service",
      "cart-service",
      "catalog-service",
      "checkout-service",
      "inventory-service",
      "order-service",
      "search-service",
      "user-service",
      "web-frontend",
    ]);
    for (const node of impacted) expect(node).toMatchObject({ state: "amber", reasons: [WEAK] });
    expect(nodeOf(radius, "load-balancer")).toMatchObject({ role: "suspect", state: "gray" });
    expect(radius.verdict.text).toBe("Contained: only api-gateway-1 affected");
  });

  it("marks services both upstream and downstream of the origins, at their suspect depth", () => {
    const radius = trace(["checkout-service", "payment-provider"]);
    expect(nodeOf(radius, "order-service")).toMatchObject({
      role: "impacted-and-suspect",
      depth: 1,
    });
    expect(nodeOf(radius, "payment-service")).toMatchObject({
      role: "impacted-and-suspect",
      depth: 1,
    });
    expect(nodeOf(radius, "web-frontend")).toMatchObject({ role: "impacted", depth: -3 });
    expect(nodeOf(radius, "payment-provider")).toMatchObject({ role: "origin", depth: 0 });
    expect(nodeOf(radius, "payments-db")).toMatchObject({ role: "suspect", depth: 2 });
    expect(radius.verdict.text).toBe("Contained: only checkout-service, payment-provider affected");
  });

  it("ignores repeated and unknown origins", () => {
    const radius = computeBlastRadius({
      graph: SHOP,
      originIds: [shopId("kafka"), 999, shopId("kafka")],
      signals: new Map(),
      flows: SHOP_FLOWS,
    });
    expect(radius.originIds).toEqual([shopId("kafka")]);
    expect(radius.nodes.map((node) => node.slug)).toEqual([
      "checkout-service",
      "web-frontend",
      "email-service",
      "order-service",
      "shipping-service",
      "kafka",
    ]);
  });

  it("returns an empty radius without origins", () => {
    const radius = trace([]);
    expect(radius.nodes).toEqual([]);
    expect(radius.edges).toEqual([]);
    expect(radius.impactedFlows).toEqual([]);
    expect(radius.verdict).toEqual({ kind: "contained", text: "Contained: nothing affected" });
  });

  it("ranks common causes among the red services", () => {
    const radius = trace(
      ["order-service"],
      signalsOf([
        ["order-service", { firingAlertSeverity: "critical", firingAlertCount: 1 }],
        ["payment-service", { isHealthCheckFailing: true }],
      ]),
    );
    expect(radius.commonCause.map((candidate) => candidate.slug)).toEqual([
      "payment-provider",
      "payments-db",
      "payment-service",
    ]);
    expect(radius.commonCause[0]).toMatchObject({
      sharedBy: ["order-service", "payment-service"],
      meanDistance: 1.5,
      state: "gray",
    });
  });

  it("prints the colour rules it applied", () => {
    expect(trace(["order-service"]).legend).toEqual([
      { state: "red", rule: "Red: a firing critical or error alert, or a failing health check." },
      {
        state: "amber",
        rule:
          "Amber: not red, but a firing warning or info alert, an elevated error rate or latency, " +
          "or, for services other than the origins, reached from them only through optional dependencies.",
      },
      { state: "gray", rule: "Gray: none of the above." },
    ]);
  });
});

describe("computeBlastRadius once traffic is observed", () => {
  // Everything seen in traffic except order-service → orders-db, plus a call nobody declared.
  const observed: GraphEdge = {
    from: shopId("email-service"),
    to: shopId("order-service"),
    kind: "sync",
    criticality: "critical",
    provenance: "observed",
  };
  const graph = buildServiceGraph(SHOP_SERVICES, [
    ...shopEdges((pair) => (pair === "order-service>orders-db" ? "declared" : "both")),
    observed,
  ]);
  const radius = trace(["order-service"], new Map(), graph);

  it("treats declared-but-unseen edges as weak", () => {
    expect(nodeOf(radius, "orders-db")).toMatchObject({ state: "amber", reasons: [WEAK] });
    expect(nodeOf(radius, "inventory-db").state).toBe("gray");
    expect(nodeOf(radius, "email-service")).toMatchObject({ role: "impacted", state: "gray" });
    expect(radius.legend[1]?.rule).toContain(
      "optional dependencies or dependencies declared but never seen in traffic",
    );
  });

  it("flags where catalog and traffic disagree", () => {
    const flagged = radius.edges
      .filter((edge) => edge.disagreement !== null)
      .map((edge) => [shopSlug(edge.from), shopSlug(edge.to), edge.disagreement]);
    expect(flagged).toEqual([
      ["email-service", "order-service", "observed-but-undeclared"],
      ["order-service", "orders-db", "declared-but-unobserved"],
    ]);
  });

  it("flags nothing while no traffic has been observed at all", () => {
    expect(trace(["order-service"]).edges.every((edge) => edge.disagreement === null)).toBe(true);
  });
});
