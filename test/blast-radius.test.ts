import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getBlastRadius } from "@/app/api/incidents/[id]/blast-radius/route";
import { POST as postSignals } from "@/app/api/signals/route";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import type { IncidentBlastRadius } from "@/lib/graph/get-incident-blast-radius";
import { buildAlertmanagerPayload } from "@/lib/scenarios/alertmanager-payload";
import { buildStormDeliveries } from "@/lib/scenarios/order-service-storm";
import { ECOMMERCE_TOPOLOGY } from "@/prisma/seed/ecommerce-topology";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { getRequest, jsonRequest, routeParams, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
let viewer: TTestActor;
beforeAll(async () => {
  viewer = await createTestActor("viewer");
});
let alertmanagerToken = "";
let signalsToken = "";

beforeAll(async () => {
  await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
  alertmanagerToken = (await createTestIntegration("alertmanager")).secret;
  signalsToken = (await createTestIntegration("signals")).secret;
});

beforeEach(async () => {
  // Each scenario starts from a quiet shop.
  const prisma = testDb.db.prisma;
  await prisma.timelineEvent.deleteMany();
  await prisma.alert.deleteMany();
  await prisma.incident.deleteMany();
  await prisma.signalSample.deleteMany();
});

async function fire(
  alerts: { service: string; alertname: string; severity: string }[],
): Promise<number> {
  for (const alert of alerts) {
    const payload = buildAlertmanagerPayload(
      [
        {
          labels: { alertname: alert.alertname, service: alert.service, severity: alert.severity },
          startsAt: new Date(),
        },
      ],
      { groupLabels: { service: alert.service } },
    );
    expect(
      (await postAlertmanager(jsonRequest("/x", payload, bearer(alertmanagerToken)))).status,
    ).toBe(202);
  }
  await settleCorrelation();
  const incident = await testDb.db.prisma.incident.findFirstOrThrow({ orderBy: { id: "asc" } });
  return incident.id;
}

async function blastRadiusOf(incidentId: number): Promise<IncidentBlastRadius> {
  const response = await getBlastRadius(
    getRequest("/x", viewer.headers),
    routeParams({ id: String(incidentId) }),
  );
  expect(response.status).toBe(200);
  return response.json();
}

const stateOf = (data: IncidentBlastRadius, slug: string) =>
  data.nodes.find((node) => node.slug === slug)?.state;

describe("GET /api/incidents/:id/blast-radius", () => {
  it("traces the order-service storm: origin and callers red, warnings amber, the rest gray, spreading", async () => {
    for (const delivery of buildStormDeliveries(new Date())) {
      await postAlertmanager(jsonRequest("/x", delivery.payload, bearer(alertmanagerToken)));
    }
    await settleCorrelation();
    const storm = await testDb.db.prisma.incident.findFirstOrThrow({
      where: { title: "HighErrorRate on order-service" },
    });
    const data = await blastRadiusOf(storm.id);

    // The incident's origin comes first; its services the origin's trace misses follow.
    const origin = data.nodes.find((node) => node.id === data.originIds[0]);
    expect(origin).toMatchObject({ slug: "order-service", role: "origin", state: "red" });
    expect(stateOf(data, "checkout-service")).toBe("red");
    expect(stateOf(data, "web-frontend")).toBe("red");
    expect(stateOf(data, "inventory-service")).toBe("amber"); // warnings only
    expect(stateOf(data, "payments-db")).toBe("gray");
    expect(data.nodes.find((node) => node.slug === "checkout-service")?.role).toBe("impacted");
    expect(data.nodes.find((node) => node.slug === "orders-db")?.role).toBe("suspect");
    expect(data.verdict.kind).toBe("spreading");
    expect(data.verdict.text).toMatch(/^Spreading: \d+ services, \d+ tier-1$/);
    expect(data.impactedFlows.map((flow) => flow.uniqueId)).toContain("checkout");
    expect(
      data.impactedFlows.find((flow) => flow.uniqueId === "checkout")?.businessImpact,
    ).toContain("cannot pay");
    expect(data.legend.map((entry) => entry.state)).toEqual(["red", "amber", "gray"]);

    const panel = data.services[origin?.id ?? 0];
    expect(panel).toMatchObject({ owner: "orders-team", onCall: "#oncall-orders", tier: 1 });
    expect(panel?.dashboard?.url).toBe("https://grafana.shop.example.com/d/order-service");
    expect(panel?.failureModes.map((mode) => mode.symptom)).toEqual(
      expect.arrayContaining([
        "High error rate on order creation",
        "Pods crash looping (OOMKilled)",
      ]),
    );
    expect(Object.keys(data.positions)).toHaveLength(data.nodes.length);
  });

  it("calls a lone alert contained, until a pushed signal shows a neighbour suffering", async () => {
    const incidentId = await fire([
      { service: "search-index", alertname: "DiskSpaceLow", severity: "critical" },
    ]);
    const quiet = await blastRadiusOf(incidentId);
    expect(quiet.verdict).toEqual({
      kind: "contained",
      text: "Contained: only search-index affected",
    });
    expect(stateOf(quiet, "search-service")).toBe("gray");

    const push = await postSignals(
      jsonRequest(
        "/api/signals",
        { samples: [{ service: "search-service", metric: "error_rate", value: 0.3 }] },
        bearer(signalsToken),
      ),
    );
    expect(push.status).toBe(202);
    const noisy = await blastRadiusOf(incidentId);
    expect(stateOf(noisy, "search-service")).toBe("amber");
    expect(noisy.nodes.find((node) => node.slug === "search-service")?.reasons).toContain(
      "error rate elevated",
    );
    expect(noisy.verdict).toMatchObject({ kind: "spreading", services: 1, tier1: 0 });

    await postSignals(
      jsonRequest(
        "/api/signals",
        { samples: [{ service: "search-service", metric: "health", value: 0 }] },
        bearer(signalsToken),
      ),
    );
    expect(stateOf(await blastRadiusOf(incidentId), "search-service")).toBe("red");
  });

  it("ranks the shared gateway first when order-service, inventory-service and web-frontend fail together", async () => {
    const incidentId = await fire([
      { service: "order-service", alertname: "HighErrorRate", severity: "critical" },
      { service: "inventory-service", alertname: "HighErrorRate", severity: "critical" },
      { service: "web-frontend", alertname: "HighErrorRate", severity: "critical" },
    ]);
    const data = await blastRadiusOf(incidentId);
    expect(data.commonCause[0]?.slug).toMatch(/^api-gateway-[12]$/);
    expect(data.commonCause.map((candidate) => candidate.slug)).toContain("load-balancer");
  });

  it("refuses signals without the signals integration's token, and nonsense with a 422", async () => {
    const body = { samples: [{ service: "search-service", metric: "error_rate", value: 0.3 }] };
    expect((await postSignals(jsonRequest("/api/signals", body))).status).toBe(401);
    const nonsense = await postSignals(
      jsonRequest(
        "/api/signals",
        { samples: [{ service: "x", metric: "cpu", value: 1 }] },
        bearer(signalsToken),
      ),
    );
    expect(nonsense.status).toBe(422);
    expect((await nonsense.json()).error.message).toContain("samples[0].metric");
  });

  it("answers 404 for an incident that does not exist", async () => {
    const response = await getBlastRadius(
      getRequest("/x", viewer.headers),
      routeParams({ id: "424242" }),
    );
    expect(response.status).toBe(404);
  });
});
