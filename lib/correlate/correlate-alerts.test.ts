import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "../graph/build-service-graph";
import { shopId as id, SHOP_SERVICES, shopEdges } from "../graph/shop-graph.fixture";
import {
  ORDER_SERVICE_STORM,
  type StormAlert,
  UNRELATED_DURING_STORM,
} from "../scenarios/order-service-storm";
import { correlateAlerts } from "./correlate-alerts";
import { DEFAULT_CORRELATION_CONFIG, type OpenIncident, type PendingAlert } from "./schemas";

const SHOP_GRAPH = buildServiceGraph(SHOP_SERVICES, shopEdges());

const start = new Date("2026-11-23T12:00:00Z");
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
let nextAlertId = 1;

function alertOn(
  slug: string,
  firstSeenAt: Date,
  overrides: Partial<PendingAlert> = {},
): PendingAlert {
  const alertId = nextAlertId++;
  return {
    id: alertId,
    serviceId: id(slug),
    serviceSlug: slug,
    status: "firing",
    name: `Alert${alertId}`,
    severity: "warning",
    startsAt: firstSeenAt,
    endsAt: null,
    firstSeenAt,
    senderGroup: null,
    incidentId: null,
    pagerdutyIncidentId: null,
    ...overrides,
    hasFired: overrides.hasFired ?? (overrides.status ?? "firing") === "firing",
  };
}

function fromStorm(alert: StormAlert): PendingAlert {
  return alertOn(alert.service, new Date(start.getTime() + alert.atOffsetSeconds * 1000), {
    name: alert.alertname,
    severity: alert.severity,
  });
}

const correlate = (
  pending: PendingAlert[],
  open: OpenIncident[] = [],
  config = DEFAULT_CORRELATION_CONFIG,
) => correlateAlerts(pending, open, SHOP_GRAPH, config, minutes(60));

function incidentOf(plan: ReturnType<typeof correlate>, alertId: number) {
  const assignment = plan.assignments.find((candidate) => candidate.alertId === alertId);
  return assignment ? JSON.stringify(assignment.incident) : undefined;
}

describe("correlateAlerts on the seed shop", () => {
  it("turns the 40-alert order-service storm plus 2 unrelated alerts into 3 incidents", () => {
    expect(ORDER_SERVICE_STORM.length).toBe(40);
    const storm = ORDER_SERVICE_STORM.map(fromStorm);
    const unrelated = UNRELATED_DURING_STORM.map(fromStorm);
    const plan = correlate([...storm, ...unrelated]);

    expect(plan.newIncidents).toHaveLength(3);
    const stormIncidents = new Set(storm.map((alert) => incidentOf(plan, alert.id)));
    expect(stormIncidents.size).toBe(1);
    const [stormIncident] = stormIncidents;
    const unrelatedIncidents = unrelated.map((alert) => incidentOf(plan, alert.id));
    expect(new Set(unrelatedIncidents).size).toBe(2);
    expect(unrelatedIncidents).not.toContain(stormIncident);

    const opened = plan.newIncidents.find(
      (incident) => incident.originServiceId === id("order-service"),
    );
    expect(opened).toMatchObject({ title: "HighErrorRate on order-service", severity: "critical" });
    expect(opened?.serviceIds).toHaveLength(
      new Set(ORDER_SERVICE_STORM.map((alert) => alert.service)).size,
    );
  });

  it("writes one timeline line per service and alert name in a pass, counting the alerts", () => {
    const plan = correlate(ORDER_SERVICE_STORM.map(fromStorm));
    const crashLoops = plan.timeline.filter((event) =>
      event.text.startsWith("PodCrashLooping fired"),
    );
    expect(crashLoops.map((event) => event.text)).toEqual([
      "PodCrashLooping fired on order-service (4 alerts)",
    ]);
    expect(plan.timeline.length).toBeLessThan(ORDER_SERVICE_STORM.length);
  });

  it("joins the same service and services within two critical hops, not three", () => {
    const first = alertOn("order-service", minutes(0));
    const sameService = alertOn("order-service", minutes(1));
    const oneHop = alertOn("orders-db", minutes(1));
    const twoHops = alertOn("inventory-db", minutes(1)); // order-service -> inventory-service -> inventory-db
    const plan = correlate([first, sameService, oneHop, twoHops]);
    expect(plan.newIncidents).toHaveLength(1);

    // payments-db is two hops from order-service, search-index is not reachable over critical edges.
    const far = alertOn("search-index", minutes(1));
    const onlyFirst = correlate([alertOn("order-service", minutes(0)), far]);
    expect(onlyFirst.newIncidents).toHaveLength(2);
  });

  it("counts hops from every service already in the incident, so a storm can spread", () => {
    // users-db is 3 hops from order-service but 2 from web-frontend once web-frontend is in.
    const chain = [
      alertOn("order-service", minutes(0)),
      alertOn("web-frontend", minutes(1)),
      alertOn("users-db", minutes(2)),
    ];
    expect(correlate(chain).newIncidents).toHaveLength(1);
    expect(
      correlate([chain[0] as PendingAlert, alertOn("users-db", minutes(2))]).newIncidents,
    ).toHaveLength(2);
  });

  it("honours the configured number of hops", () => {
    const pair = () => [alertOn("order-service", minutes(0)), alertOn("inventory-db", minutes(1))];
    expect(
      correlate(pair(), [], { ...DEFAULT_CORRELATION_CONFIG, maxHops: 1 }).newIncidents,
    ).toHaveLength(2);
    expect(
      correlate(pair(), [], { ...DEFAULT_CORRELATION_CONFIG, maxHops: 2 }).newIncidents,
    ).toHaveLength(1);
  });

  it("does not let optional edges bind incidents together", () => {
    // web-frontend -> recommendation-service is optional; recommendation-service -> catalog-service is critical.
    const plan = correlate(
      [alertOn("web-frontend", minutes(0)), alertOn("recommendation-service", minutes(1))],
      [],
      {
        ...DEFAULT_CORRELATION_CONFIG,
        maxHops: 1,
      },
    );
    expect(plan.newIncidents).toHaveLength(2);
  });

  it("extends the window with each alert, and opens a new incident after a quiet window", () => {
    const steady = [0, 9, 18, 27].map((at) => alertOn("order-service", minutes(at)));
    expect(correlate(steady).newIncidents).toHaveLength(1);
    const gap = [alertOn("order-service", minutes(0)), alertOn("order-service", minutes(11))];
    expect(correlate(gap).newIncidents).toHaveLength(2);
  });

  it("joins an open incident from an earlier pass and raises its severity", () => {
    const open: OpenIncident = {
      id: 70,
      status: "acknowledged",
      severity: "warning",
      openedAt: minutes(0),
      lastAlertAt: minutes(5),
      serviceIds: [id("checkout-service")],
      senderGroups: [],
    };
    const alert = alertOn("order-service", minutes(8), {
      severity: "critical",
      name: "PodCrashLooping",
    });
    const plan = correlate([alert], [open]);
    expect(plan.newIncidents).toEqual([]);
    expect(plan.assignments).toEqual([
      { alertId: alert.id, incident: { kind: "existing", id: 70 } },
    ]);
    expect(plan.incidentUpdates).toEqual([
      { id: 70, severity: "critical", lastAlertAt: minutes(8) },
    ]);
    expect(plan.timeline.map((event) => event.kind)).toEqual(["alert.fired", "severity.raised"]);
  });

  it("prefers the nearest of two open incidents", () => {
    const nearOne: OpenIncident = {
      id: 1,
      status: "triggered",
      severity: "warning",
      openedAt: minutes(0),
      lastAlertAt: minutes(3),
      serviceIds: [id("checkout-service")],
      senderGroups: [],
    };
    const sameService: OpenIncident = {
      id: 2,
      status: "triggered",
      severity: "warning",
      openedAt: minutes(0),
      lastAlertAt: minutes(1),
      serviceIds: [id("order-service")],
      senderGroups: [],
    };
    const plan = correlate([alertOn("order-service", minutes(4))], [nearOne, sameService]);
    expect(plan.assignments[0]?.incident).toEqual({ kind: "existing", id: 2 });
  });

  it("opens a linked incident when the related one is older than its maximum lifetime", () => {
    const old: OpenIncident = {
      id: 9,
      status: "acknowledged",
      severity: "critical",
      openedAt: minutes(-241),
      lastAlertAt: minutes(-2),
      serviceIds: [id("order-service")],
      senderGroups: [],
    };
    const plan = correlate([alertOn("order-service", minutes(0))], [old]);
    expect(plan.newIncidents).toHaveLength(1);
    expect(plan.newIncidents[0]?.parentIncidentId).toBe(9);
    expect(plan.timeline[0]?.text).toContain("continuing #9");
  });

  it("opens nothing for an alert only ever seen resolved, but keeps one that fired and resolved", () => {
    const onlyResolved = correlate([
      alertOn("order-service", minutes(0), { status: "resolved", endsAt: minutes(0) }),
    ]);
    expect(onlyResolved.newIncidents).toEqual([]);
    const firedThenResolved = correlate([
      alertOn("order-service", minutes(0), {
        status: "resolved",
        hasFired: true,
        endsAt: minutes(1),
      }),
    ]);
    expect(firedThenResolved.newIncidents).toHaveLength(1);
    expect(firedThenResolved.timeline.map((event) => event.kind)).toEqual([
      "incident.opened",
      "alert.fired",
      "alert.resolved",
    ]);
  });

  it("records resolutions of alerts already in an incident, at the alert's end", () => {
    const endsAt = minutes(3);
    const plan = correlate([
      alertOn("order-service", minutes(0), { status: "resolved", endsAt, incidentId: 4 }),
    ]);
    expect(plan.timeline).toEqual([
      expect.objectContaining({
        incident: { kind: "existing", id: 4 },
        kind: "alert.resolved",
        at: endsAt,
      }),
    ]);
    expect(plan.assignments).toEqual([]);
  });

  it("links the incident to the PagerDuty incident an alert stands for", () => {
    const plan = correlate([
      alertOn("order-service", minutes(0), { pagerdutyIncidentId: "PFQZPSY" }),
    ]);
    expect(plan.pagerdutyLinks).toEqual([
      { incident: { kind: "new", key: expect.any(String) }, pagerdutyIncidentId: "PFQZPSY" },
    ]);
  });

  it("treats services missing from the graph as related only to themselves", () => {
    const plan = correlate([
      alertOn("order-service", minutes(0)),
      { ...alertOn("order-service", minutes(1)), serviceId: 999, serviceSlug: "unmapped" },
    ]);
    expect(plan.newIncidents).toHaveLength(2);
  });
});

describe("correlateAlerts by the sender's grouping, where the graph has nothing to say", () => {
  // Services the catalog does not know: ids outside the shop graph, as alerts create them.
  const unknownHost = (n: number) => ({ serviceId: 900 + n, serviceSlug: `host-${n}` });
  const inGroup = (senderGroup: string | null) => ({ senderGroup });
  const GROUP = 'alertmanager:{}:{alertname="NodeEvent"}';

  it("puts 19 alerts on 6 unknown services of one sender group into one incident", () => {
    const alerts = Array.from({ length: 19 }, (_, n) =>
      alertOn("order-service", minutes(n * 0.1), {
        ...unknownHost(n % 6),
        ...inGroup(GROUP),
        name: "NodeEvent",
      }),
    );
    const plan = correlate(alerts);
    expect(plan.newIncidents).toHaveLength(1);
    expect(plan.newIncidents[0]?.serviceIds).toHaveLength(6);
    expect(new Set(plan.assignments.map((each) => JSON.stringify(each.incident))).size).toBe(1);
  });

  it("keeps unknown services of different sender groups apart, as before", () => {
    const alerts = Array.from({ length: 6 }, (_, n) =>
      alertOn("order-service", minutes(n * 0.1), { ...unknownHost(n), ...inGroup(`g${n}`) }),
    );
    expect(correlate(alerts).newIncidents).toHaveLength(6);
    const noGroup = [0, 1].map((n) =>
      alertOn("order-service", minutes(n), { ...unknownHost(n), ...inGroup(null) }),
    );
    expect(correlate(noGroup).newIncidents).toHaveLength(2);
  });

  it("keeps two catalog services with no strong path apart even if the sender grouped them", () => {
    const plan = correlate([
      alertOn("order-service", minutes(0), inGroup(GROUP)),
      alertOn("search-index", minutes(1), inGroup(GROUP)),
    ]);
    expect(plan.newIncidents).toHaveLength(2);
  });

  it("joins two catalog services near each other whatever the sender's groups", () => {
    const plan = correlate([
      alertOn("order-service", minutes(0), inGroup("a")),
      alertOn("orders-db", minutes(1), inGroup("b")),
    ]);
    expect(plan.newIncidents).toHaveLength(1);
  });

  it("joins an unknown service to a catalog service of the same sender group, either way round", () => {
    const catalogFirst = correlate([
      alertOn("order-service", minutes(0), inGroup(GROUP)),
      alertOn("order-service", minutes(1), { ...unknownHost(1), ...inGroup(GROUP) }),
    ]);
    expect(catalogFirst.newIncidents).toHaveLength(1);
    const unknownFirst = correlate([
      alertOn("order-service", minutes(0), { ...unknownHost(1), ...inGroup(GROUP) }),
      alertOn("order-service", minutes(1), inGroup(GROUP)),
    ]);
    expect(unknownFirst.newIncidents).toHaveLength(1);
    const otherGroup = correlate([
      alertOn("order-service", minutes(0), inGroup(GROUP)),
      alertOn("order-service", minutes(1), { ...unknownHost(1), ...inGroup("other") }),
    ]);
    expect(otherGroup.newIncidents).toHaveLength(2);
  });

  it("does not let a group bridge a catalog service to one its incident's catalog services are far from", () => {
    const plan = correlate([
      alertOn("order-service", minutes(0), inGroup(GROUP)),
      alertOn("order-service", minutes(1), { ...unknownHost(1), ...inGroup(GROUP) }),
      alertOn("search-index", minutes(2), inGroup(GROUP)),
    ]);
    expect(plan.newIncidents).toHaveLength(2);
    expect(plan.newIncidents.map((incident) => incident.serviceIds.length).sort()).toEqual([1, 2]);
  });

  it("counts a group only while its last alert is within the window", () => {
    const plan = correlate([
      alertOn("order-service", minutes(0), { ...unknownHost(1), ...inGroup(GROUP) }),
      // Another group keeps the incident itself alive, but GROUP went quiet 11 minutes ago.
      alertOn("order-service", minutes(6), { ...unknownHost(1), ...inGroup("keepalive") }),
      alertOn("order-service", minutes(11), { ...unknownHost(2), ...inGroup(GROUP) }),
    ]);
    expect(plan.newIncidents).toHaveLength(2);
  });

  it("prefers an incident the topology links over one only the sender's group links", () => {
    const bySender = {
      id: 7,
      status: "triggered" as const,
      severity: "warning" as const,
      openedAt: minutes(0),
      lastAlertAt: minutes(1),
      serviceIds: [901],
      senderGroups: [{ senderGroup: GROUP, lastSeenAt: minutes(1) }],
    };
    const byTopology = { ...bySender, id: 8, serviceIds: [id("order-service")], senderGroups: [] };
    const alert = alertOn("orders-db", minutes(2), inGroup(GROUP));
    const plan = correlate([alert], [bySender, byTopology]);
    expect(incidentOf(plan, alert.id)).toBe(JSON.stringify({ kind: "existing", id: 8 }));
    const unknown = alertOn("order-service", minutes(2), { ...unknownHost(3), ...inGroup(GROUP) });
    expect(incidentOf(correlate([unknown], [bySender, byTopology]), unknown.id)).toBe(
      JSON.stringify({ kind: "existing", id: 7 }),
    );
  });

  it("treats an unmapped service that traffic links to the shop as placed", () => {
    const graph = buildServiceGraph(
      [...SHOP_SERVICES, { id: 950, slug: "legacy", name: "legacy", tier: null, isUnmapped: true }],
      [
        ...shopEdges(() => "both"),
        {
          from: 950,
          to: id("kafka"),
          kind: "sync",
          criticality: "critical",
          provenance: "observed",
        },
      ],
    );
    const plan = correlateAlerts(
      [
        alertOn("order-service", minutes(0), inGroup(GROUP)),
        alertOn("order-service", minutes(1), {
          serviceId: 950,
          serviceSlug: "legacy",
          ...inGroup(GROUP),
        }),
      ],
      [],
      graph,
      DEFAULT_CORRELATION_CONFIG,
      minutes(60),
    );
    // legacy -> kafka <- order-service: two hops, joined by topology (hop count 2, not the group's 3).
    expect(plan.newIncidents).toHaveLength(1);
    const apart = correlateAlerts(
      [
        alertOn("search-index", minutes(0), inGroup(GROUP)),
        alertOn("order-service", minutes(1), {
          serviceId: 950,
          serviceSlug: "legacy",
          ...inGroup(GROUP),
        }),
      ],
      [],
      graph,
      DEFAULT_CORRELATION_CONFIG,
      minutes(60),
    );
    expect(apart.newIncidents).toHaveLength(2);
  });
});

describe("correlateAlerts reads edge strength from the one graph model", () => {
  it("does not join across a declared edge never seen in traffic once traffic is known", () => {
    // Every edge observed except order-service -> orders-db.
    const graph = buildServiceGraph(
      SHOP_SERVICES,
      shopEdges((pair) => (pair === "order-service>orders-db" ? "declared" : "both")),
    );
    const plan = correlateAlerts(
      [alertOn("order-service", minutes(0)), alertOn("orders-db", minutes(1))],
      [],
      graph,
      { ...DEFAULT_CORRELATION_CONFIG, maxHops: 1 },
      minutes(60),
    );
    expect(plan.newIncidents).toHaveLength(2);
  });
});
