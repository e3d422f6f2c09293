import { beforeAll, describe, expect, it } from "vitest";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { GET as listIncidents } from "@/app/api/incidents/route";
import { POST } from "@/app/api/webhooks/alertmanager/route";
import { buildDemoSequence } from "@/lib/scenarios/demo-sequence";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { getRequest, jsonRequest, routeParams, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
let viewer: TTestActor;
beforeAll(async () => {
  viewer = await createTestActor("viewer");
});

type ListedIncident = {
  id: number;
  title: string;
  status: string;
  alertCount: number;
  firingAlertCount: number;
};

async function list(query = ""): Promise<{ status: number; incidents: ListedIncident[] }> {
  const response = await listIncidents(getRequest(`/api/incidents${query}`, viewer.headers));
  const body = await response.json();
  return { status: response.status, incidents: body.incidents };
}

describe("incidents API", () => {
  beforeAll(async () => {
    const { secret } = await createTestIntegration("alertmanager");
    for (const delivery of buildDemoSequence(new Date())) {
      const response = await POST(
        jsonRequest("/api/webhooks/alertmanager", delivery.payload, bearer(secret)),
      );
      expect(response.status).toBe(202);
    }
    await settleCorrelation();
  });

  it("lists incidents newest first with alert counts", async () => {
    const { status, incidents } = await list();
    expect(status).toBe(200);
    expect(incidents.map((incident) => incident.title)).toEqual([
      "DiskSpaceLow on search-index",
      "UpstreamTimeouts on payment-provider",
      "HighErrorRate on order-service",
    ]);
    const orders = incidents.find((incident) => incident.title.includes("order-service"));
    expect(orders).toMatchObject({ alertCount: 3, firingAlertCount: 3, status: "triggered" });
    const search = incidents.find((incident) => incident.title.includes("search-index"));
    expect(search).toMatchObject({ alertCount: 1, firingAlertCount: 0 });
  });

  it("filters by status", async () => {
    await testDb.db.prisma.incident.updateMany({
      where: { title: { contains: "payment-provider" } },
      data: { status: "resolved", resolvedAt: new Date() },
    });
    expect((await list("?status=resolved")).incidents.map((incident) => incident.title)).toEqual([
      "UpstreamTimeouts on payment-provider",
    ]);
    expect((await list("?status=open")).incidents).toHaveLength(2);
    expect((await list("?status=open&limit=1")).incidents).toHaveLength(1);
  });

  it("rejects an unknown status with 422", async () => {
    const response = await listIncidents(
      getRequest("/api/incidents?status=closed", viewer.headers),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toContain('"closed"');
  });

  it("returns one incident with its alerts, labels and timeline", async () => {
    const [orders] = (await list()).incidents.filter((incident) =>
      incident.title.includes("order-service"),
    );
    const response = await getIncident(
      getRequest(`/api/incidents/${orders?.id}`, viewer.headers),
      routeParams({ id: String(orders?.id) }),
    );
    expect(response.status).toBe(200);
    const { incident } = await response.json();
    expect(incident.alerts.map((alert: { name: string }) => alert.name).sort()).toEqual([
      "HighErrorRate",
      "HighLatencyP99",
      "PodCrashLooping",
    ]);
    expect(incident.alerts[0].labels).toMatchObject({
      service: "order-service",
      namespace: "shop",
    });
    expect(incident.severity).toBe("critical");
    expect(incident.timeline.map((event: { kind: string }) => event.kind)).toContain(
      "incident.opened",
    );
  });

  it("answers 404 for an incident that does not exist and 422 for an id that is not one", async () => {
    const missing = await getIncident(
      getRequest("/api/incidents/999999", viewer.headers),
      routeParams({ id: "999999" }),
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: "NOT_FOUND", message: "Incident 999999 does not exist." },
    });
    const invalid = await getIncident(
      getRequest("/api/incidents/abc", viewer.headers),
      routeParams({ id: "abc" }),
    );
    expect(invalid.status).toBe(422);
  });
});
