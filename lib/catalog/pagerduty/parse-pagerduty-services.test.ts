import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { parsePagerDutyServices } from "./parse-pagerduty-services";

// Shaped like GET /services and GET /service_dependencies/technical_services/{id}.
const service = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "service",
  summary: name,
  self: `https://api.pagerduty.com/services/${id}`,
  html_url: `https://acme.pagerduty.com/service-directory/${id}`,
  name,
  description: null,
  status: "active",
  escalation_policy: {
    id: "PEP1",
    type: "escalation_policy_reference",
    summary: "Checkout on-call",
  },
  teams: [
    { id: "PT1", type: "team_reference", summary: "checkout-team" },
    { id: "PT2", type: "team_reference", summary: "sre" },
  ],
  ...extra,
});
const dependency = (id: string, dependent: string, supporting: string, type = "service") => ({
  id,
  type: "service_dependency",
  supporting_service: { id: supporting, type },
  dependent_service: { id: dependent, type: "service" },
});
const parse = (body: unknown) =>
  parsePagerDutyServices({ name: "pd.json", text: JSON.stringify(body) }, "pagerduty:acme");

describe("parsePagerDutyServices", () => {
  it("reads services with their team and escalation policy, and dependent → supporting edges", () => {
    const snapshot = parse({
      services: [
        service("PCHK001", "Checkout API", { description: "Takes payments" }),
        service("PDB0001", "orders-db", { teams: [], escalation_policy: null }),
      ],
      limit: 25,
      offset: 0,
      more: false,
      total: null,
      relationships: [
        dependency("D1", "PCHK001", "PDB0001"),
        dependency("D1", "PCHK001", "PDB0001"),
        dependency("D2", "PCHK001", "PBIZ001", "business_service_reference"),
      ],
    });
    expect(snapshot).toEqual({
      source: "pagerduty:acme",
      services: [
        {
          slug: "checkout-api",
          name: "Checkout API",
          owner: "checkout-team",
          onCall: "Checkout on-call",
          metadata: {
            pagerdutyServiceId: "PCHK001",
            description: "Takes payments",
            pagerdutyUrl: "https://acme.pagerduty.com/service-directory/PCHK001",
          },
        },
        {
          slug: "orders-db",
          name: "orders-db",
          owner: null,
          onCall: null,
          metadata: {
            pagerdutyServiceId: "PDB0001",
            pagerdutyUrl: "https://acme.pagerduty.com/service-directory/PDB0001",
          },
        },
      ],
      dependencies: [
        { from: "checkout-api", to: "orders-db", kind: "sync", criticality: "critical" },
      ],
      pendingDependencies: [],
      flows: [],
    });
  });

  it("keeps a supporting service outside the file as pending, and leaves a dependent outside to its own export", () => {
    const snapshot = parse({
      services: [service("P1", "checkout")],
      relationships: [
        dependency("D1", "P1", "PX"),
        dependency("D2", "PY", "P1"),
        {
          ...dependency("D3", "P1", "PZ"),
          supporting_service: { id: "PZ", type: "service", summary: "Fraud Check" },
        },
      ],
    });
    expect(snapshot.dependencies).toEqual([]);
    expect(snapshot.pendingDependencies).toEqual([
      {
        from: "checkout",
        toSlug: "pagerduty:PX",
        ref: "PX",
        kind: "sync",
        criticality: "critical",
      },
      { from: "checkout", toSlug: "fraud-check", ref: "PZ", kind: "sync", criticality: "critical" },
    ]);
  });

  it("reports every bad service and relationship at once", () => {
    expect(() =>
      parse({
        services: [service("P1", "a"), { id: "P2" }, service("P1", "b")],
        relationships: [{ id: "D1" }],
      }),
    ).toThrow(
      /^3 problems in 1 file\(s\); nothing was imported:\n- pd\.json: service P2: .*\n- pd\.json: service P1: services\[2\]\.id: listed twice\n- pd\.json: relationship 0: relationships\[0\]\.supporting_service: /,
    );
  });

  it("reads a services page without relationships", () => {
    expect(parse({ services: [service("P1", "a")] }).dependencies).toEqual([]);
  });

  it.each([
    [
      "a service without a name",
      { services: [service("P1", "a"), { id: "P2" }] },
      "pd.json: service P2: services[1].name: Invalid input",
    ],
    ["no services list", { service: {} }, "pd.json: services export: services: Invalid input"],
    [
      "two services with one slug",
      { services: [service("P1", "Orders"), service("P2", "orders")] },
      'pd.json: service P2: services[1].name: gives the slug "orders", as service P1 does',
    ],
    [
      "one service listed twice",
      { services: [service("P1", "a"), service("P1", "b")] },
      "pd.json: service P1: services[1].id: listed twice",
    ],
  ])("names the file, entity and field of %s", (_case, body, message) => {
    expect(() => parse(body)).toThrow(message);
    expect(() => parse(body)).toThrow(AppError);
  });
});
