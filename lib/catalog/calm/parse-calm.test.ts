import { describe, expect, it } from "vitest";
import { readFixture } from "../../../test/helpers/fixtures";
import { parseCalm } from "./parse-calm";

const parseFixture = (name: string) =>
  parseCalm({ name, text: readFixture(`catalog/calm/${name}`) }, `calm:${name}`);
const parseJson = (architecture: unknown) =>
  parseCalm({ name: "arch.json", text: JSON.stringify(architecture) }, "calm:test");

const node = (id: string, type = "service", extra: Record<string, unknown> = {}) => ({
  "unique-id": id,
  "node-type": type,
  name: id.toUpperCase(),
  description: `The ${id}`,
  ...extra,
});
const connects = (id: string, source: string, destination: string, extra = {}) => ({
  "unique-id": id,
  "relationship-type": {
    connects: { source: { node: source }, destination: { node: destination } },
  },
  ...extra,
});

describe("parseCalm on FINOS CALM architectures", () => {
  it.each([
    ["calm-3.architecture.json", 8, 4, 5],
    ["conference-secure-signup-amended.arch.json", 5, 6, 1],
    ["ecommerce.calm.json", 13, 16, 0],
    ["edge_payment-gateway.nonstandard.calm.json", 7, 5, 1],
    ["fluxnova-microservices.architecture.json", 12, 11, 0],
    ["trading-system.architecture.json", 11, 16, 7],
  ])("imports %s: %i services, %i dependencies, %i flows", (name, services, edges, flows) => {
    const snapshot = parseFixture(name);
    expect(snapshot.source).toBe(`calm:${name}`);
    expect(snapshot.services).toHaveLength(services);
    expect(snapshot.dependencies).toHaveLength(edges);
    expect(snapshot.flows).toHaveLength(flows);
  });

  it("refuses a pattern, saying it is not an architecture", () => {
    expect(() => parseFixture("conference-signup.pattern.json")).toThrow(
      "conference-signup.pattern.json: architecture: nodes: this is a CALM pattern (a JSON schema for architectures), not an architecture",
    );
  });

  it("leaves out actors and grouping systems, and names the system of its members", () => {
    const snapshot = parseFixture("trading-system.architecture.json");
    const slugs = snapshot.services.map((service) => service.slug);
    expect(slugs).not.toContain("trader");
    expect(slugs).not.toContain("trading-system");
    expect(snapshot.services.find((service) => service.slug === "web-gui")).toEqual({
      slug: "web-gui",
      name: "Web GUI",
      tier: null,
      owner: null,
      onCall: null,
      runbookUrl: null,
      healthEndpoint: null,
      metadata: {
        kind: "webclient",
        description:
          "User-facing interface for trading operations, account management, and viewing positions",
        system: "Trading System",
        "data-classification": "Private",
      },
    });
  });

  it("reads flows in sequence order, each service once, following transition directions", () => {
    const flow = parseFixture("trading-system.architecture.json").flows[0];
    expect(flow).toEqual({
      uniqueId: "load-accounts-flow",
      name: "Load List of Accounts",
      description: "Web GUI retrieves and displays the list of all trading accounts",
      serviceSlugs: ["web-gui", "account-service", "trade-data-store"],
      businessImpact: null,
      degradedBehavior: null,
      customerCommunication: null,
      sla: null,
    });
  });

  it("makes deployed-in members depend on their container, even a system one", () => {
    const edges = parseFixture("conference-secure-signup-amended.arch.json").dependencies;
    expect(edges).toContainEqual({
      from: "attendees",
      to: "k8s-cluster",
      kind: "sync",
      criticality: "critical",
    });
    expect(edges).toContainEqual({
      from: "attendees",
      to: "attendees-store",
      kind: "data",
      criticality: "critical",
    });
  });

  it("reads relationship types given as a string with their details beside them", () => {
    const snapshot = parseFixture("edge_payment-gateway.nonstandard.calm.json");
    expect(snapshot.dependencies).toEqual([
      { from: "checkout-page", to: "payment-api", kind: "sync", criticality: "critical" },
      { from: "payment-api", to: "tokenization-service", kind: "sync", criticality: "critical" },
      { from: "payment-api", to: "fraud-detection", kind: "sync", criticality: "critical" },
      { from: "payment-api", to: "transaction-database", kind: "data", criticality: "critical" },
      { from: "tokenization-service", to: "card-network", kind: "sync", criticality: "critical" },
    ]);
    expect(snapshot.flows[0]?.serviceSlugs).toEqual([
      "checkout-page",
      "payment-api",
      "fraud-detection",
      "tokenization-service",
      "card-network",
      "transaction-database",
    ]);
  });

  it("takes the edge kind from the protocol: AMQP is async, TCP is sync", () => {
    const snapshot = parseFixture("ecommerce.calm.json");
    expect(snapshot.dependencies).toContainEqual({
      from: "order-service",
      to: "message-queue",
      kind: "async",
      criticality: "critical",
    });
    expect(snapshot.dependencies).toContainEqual({
      from: "product-service",
      to: "product-db",
      kind: "sync",
      criticality: "critical",
    });
    expect(
      snapshot.services.find((service) => service.slug === "cloud-platform")?.metadata,
    ).toMatchObject({ kind: "ecosystem" });
    expect(
      snapshot.services.find((service) => service.slug === "payment-gateway")?.metadata,
    ).toMatchObject({ kind: "system" });
  });
});

describe("parseCalm", () => {
  it("reads operational metadata on nodes, relationships and flows", () => {
    const snapshot = parseJson({
      nodes: [
        node("user", "actor"),
        node("orders", "service", {
          metadata: [
            { owner: "orders-team", "oncall-slack": "#oncall-orders", tier: "tier-2" },
            {
              runbook: "https://runbooks/orders",
              "health-endpoint": "http://orders/healthz",
              dashboards: [{ title: "Orders", url: "https://grafana/d/orders" }],
              "failure-modes": [
                { symptom: "Slow", "likely-cause": "GC", escalation: "#oncall-orders" },
              ],
              "cost-centre": "CC-7",
              prometheus: {
                url: "http://prometheus:9090",
                errorRateQuery: 'job:errors:ratio5m{job="orders"}',
              },
              thresholds: { errorRate: 0.02 },
            },
          ],
        }),
        node("cache", "cache", { metadata: { tier: 3 } }),
        node("bus", "broker"),
      ],
      relationships: [
        {
          "unique-id": "user-orders",
          "relationship-type": { interacts: { actor: "user", nodes: ["orders"] } },
        },
        connects("orders-cache", "orders", "cache", {
          protocol: "TCP",
          metadata: { kind: "data", criticality: "optional" },
        }),
        connects("orders-bus", "orders", "bus", { protocol: "Kafka" }),
      ],
      flows: [
        {
          "unique-id": "buy",
          name: "Buy",
          description: "Buying",
          transitions: [
            { "relationship-unique-id": "orders-bus", "sequence-number": 2 },
            { "relationship-unique-id": "user-orders", "sequence-number": 1 },
          ],
          metadata: [
            { "business-impact": "No sales" },
            { "degraded-behavior": "Queued", "customer-communication": "Banner", SLA: "99.9%" },
          ],
        },
      ],
    });
    expect(snapshot.services[0]).toEqual({
      slug: "orders",
      name: "ORDERS",
      tier: 2,
      owner: "orders-team",
      onCall: "#oncall-orders",
      runbookUrl: "https://runbooks/orders",
      healthEndpoint: "http://orders/healthz",
      metadata: {
        kind: "service",
        description: "The orders",
        dashboards: [{ title: "Orders", url: "https://grafana/d/orders" }],
        failureModes: [
          {
            symptom: "Slow",
            likelyCause: "GC",
            check: null,
            remediation: null,
            escalation: "#oncall-orders",
          },
        ],
        "cost-centre": "CC-7",
        prometheus: {
          url: "http://prometheus:9090",
          errorRateQuery: 'job:errors:ratio5m{job="orders"}',
        },
        thresholds: { errorRate: 0.02 },
      },
    });
    expect(snapshot.services[1]?.tier).toBe(3);
    expect(snapshot.dependencies).toEqual([
      { from: "orders", to: "cache", kind: "data", criticality: "optional" },
      { from: "orders", to: "bus", kind: "async", criticality: "critical" },
    ]);
    expect(snapshot.flows).toEqual([
      {
        uniqueId: "buy",
        name: "Buy",
        description: "Buying",
        serviceSlugs: ["orders", "bus"],
        businessImpact: "No sales",
        degradedBehavior: "Queued",
        customerCommunication: "Banner",
        sla: "99.9%",
      },
    ]);
  });
});
