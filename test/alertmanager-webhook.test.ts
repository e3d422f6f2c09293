import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST } from "@/app/api/webhooks/alertmanager/route";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import { waitForCorrelationIdle } from "@/lib/correlate/request-correlation";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { listFixtures, readFixture, readJsonFixture } from "./helpers/fixtures";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { getRequest, jsonRequest, routeParams, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
let viewer: TTestActor;
beforeAll(async () => {
  viewer = await createTestActor("viewer");
});
const URL_PATH = "/api/webhooks/alertmanager";
let secret = "";
beforeAll(async () => {
  secret = (await createTestIntegration("alertmanager")).secret;
});
const post = (body: unknown, headers?: Record<string, string>) =>
  POST(jsonRequest(URL_PATH, body, { ...bearer(secret), ...headers }));

async function counts() {
  const prisma = testDb.db.prisma;
  const [deliveries, alerts, incidents, timeline, services] = await Promise.all([
    prisma.rawDelivery.count(),
    prisma.alert.count(),
    prisma.incident.count(),
    prisma.timelineEvent.count(),
    prisma.service.count(),
  ]);
  return { deliveries, alerts, incidents, timeline, services };
}

async function clearAlertData() {
  // A correlation pass still running from the last test would write into the cleared tables.
  await waitForCorrelationIdle();
  const prisma = testDb.db.prisma;
  await prisma.timelineEvent.deleteMany();
  await prisma.alert.deleteMany();
  await prisma.incident.deleteMany();
  await prisma.rawDelivery.deleteMany();
}

describe("POST /api/webhooks/alertmanager", () => {
  beforeEach(clearAlertData);

  it("accepts every real Alertmanager fixture, and rejects the malformed one with a 422 naming the fields", async () => {
    const fixtures = listFixtures("webhooks/alertmanager");
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
    for (const fixture of fixtures) {
      const response = await post(readFixture(fixture));
      const body = await response.json();
      if (fixture.includes("malformed")) {
        expect(response.status, fixture).toBe(422);
        expect(body.error.code).toBe("VALIDATION");
        expect(body.error.message).toContain("status");
        expect(body.error.message).toContain("alerts[0].labels.alertname");
      } else {
        expect(response.status, `${fixture}: ${JSON.stringify(body)}`).toBe(202);
        expect(body.deliveryId).toEqual(expect.any(Number));
      }
    }
    expect((await counts()).deliveries).toBe(fixtures.length - 1);
  });

  it("stores the raw body byte for byte with the alerts, and the 12 alerts become one incident", async () => {
    const raw = readFixture("webhooks/alertmanager/firing_12_alerts.json");
    const response = await post(raw, {
      "user-agent": "Alertmanager/0.25.0",
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ alertsReceived: 12, alertsCreated: 12 });

    const delivery = await testDb.db.prisma.rawDelivery.findFirstOrThrow();
    expect(delivery.body).toBe(raw);
    expect(delivery.source).toBe("alertmanager");
    expect(delivery.headers).toEqual({
      "content-type": "application/json",
      "user-agent": "Alertmanager/0.25.0",
    });

    await settleCorrelation();
    const incidents = await testDb.db.prisma.incident.findMany({ include: { alerts: true } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.alerts).toHaveLength(12);
    expect(incidents[0]?.severity).toBe("warning");

    const detail = await getIncident(
      getRequest(`/api/incidents/${incidents[0]?.id}`, viewer.headers),
      routeParams({ id: String(incidents[0]?.id) }),
    );
    const names = (await detail.json()).incident.alerts.map(
      (alert: { name: string }) => alert.name,
    );
    expect(names).toEqual(expect.arrayContaining(["high_memory_load", "high_memory_load12"]));
  });

  it("creates nothing new when the same notification is delivered again", async () => {
    const raw = readFixture("webhooks/alertmanager/firing_12_alerts.json");
    await post(raw);
    await settleCorrelation();
    const before = await counts();
    const again = await post(raw);
    expect(await again.json()).toMatchObject({ alertsReceived: 12, alertsCreated: 0 });
    await settleCorrelation();
    const after = await counts();
    expect(after).toEqual({ ...before, deliveries: before.deliveries + 1 });
  });

  it("updates the alert when it resolves and puts the resolution on the incident's timeline", async () => {
    const firing = readJsonFixture("webhooks/alertmanager/resolved_single_diskspace.json") as {
      status: string;
      alerts: { status: string }[];
    };
    const asFiring = {
      ...firing,
      status: "firing",
      alerts: firing.alerts.map((alert) => ({ ...alert, status: "firing" })),
    };
    await post(asFiring);
    await settleCorrelation();
    await post(firing);
    await settleCorrelation();
    const alerts = await testDb.db.prisma.alert.findMany();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.status).toBe("resolved");
    expect(alerts[0]?.endsAt?.toISOString()).toBe("2017-05-09T07:08:37.818Z");
    const kinds = (await testDb.db.prisma.timelineEvent.findMany({ orderBy: { id: "asc" } })).map(
      (event) => event.kind,
    );
    expect(kinds).toEqual(["incident.opened", "alert.fired", "alert.resolved"]);
  });

  it("opens an incident for an alert that fired and resolved before correlation got to it", async () => {
    const resolved = readJsonFixture("webhooks/alertmanager/resolved_single_diskspace.json") as {
      status: string;
      alerts: { status: string }[];
    };
    const firing = {
      ...resolved,
      status: "firing",
      alerts: resolved.alerts.map((alert) => ({ ...alert, status: "firing" })),
    };
    await post(firing);
    await post(resolved);
    await settleCorrelation();
    const incidents = await testDb.db.prisma.incident.findMany({
      include: { timeline: { orderBy: { id: "asc" } } },
    });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.timeline.map((event) => event.kind)).toEqual([
      "incident.opened",
      "alert.fired",
      "alert.resolved",
    ]);
  });

  it("creates services it has never heard of, marked unmapped, and uses catalog services as they are", async () => {
    await applyCatalogSnapshot({
      source: "test",
      services: [{ slug: "docker_nodes", name: "Docker nodes", tier: 2 }],
      dependencies: [],
      flows: [],
    });
    await post(readFixture("webhooks/alertmanager/firing_12_alerts.json"));
    await post(readFixture("webhooks/alertmanager/resolved_single_diskspace.json"));
    const services = await testDb.db.prisma.service.findMany({
      where: { slug: { in: ["docker_nodes", "cs30.evilcorp"] } },
    });
    expect(services.map((service) => [service.slug, service.isUnmapped]).sort()).toEqual([
      ["cs30.evilcorp", true],
      ["docker_nodes", false],
    ]);
  });

  describe("bad input gets a clear 4xx and stores nothing", () => {
    it.each([
      ["malformed JSON", '{"version": "4", "alerts": [', {}, 400, "BAD_REQUEST"],
      ["an empty body", "", {}, 400, "BAD_REQUEST"],
      ["a JSON array", "[1,2]", {}, 422, "VALIDATION"],
      ["version 3", { version: "3", status: "firing", alerts: [] }, {}, 422, "VALIDATION"],
      [
        "a form post",
        "a=1",
        { "content-type": "application/x-www-form-urlencoded" },
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
      [
        "a body over 1 MiB",
        { version: "4", status: "firing", alerts: [], pad: "x".repeat(1024 * 1024) },
        {},
        413,
        "PAYLOAD_TOO_LARGE",
      ],
    ])("%s", async (_name, body, headers, status, code) => {
      const before = await counts();
      const response = await post(body, headers);
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      const json = await response.json();
      expect(json).toEqual({ error: { code, message: expect.any(String) } });
      expect(await counts()).toEqual(before);
    });

    it("a payload whose second alert is invalid stores neither alert", async () => {
      const payload = readJsonFixture("webhooks/alertmanager/firing_12_alerts.json") as {
        alerts: object[];
      };
      const broken = {
        ...payload,
        alerts: [payload.alerts[0], { labels: { alertname: "x" }, startsAt: "not a time" }],
      };
      const before = await counts();
      const response = await post(broken);
      expect(response.status).toBe(422);
      expect((await response.json()).error.message).toContain("alerts[1].startsAt");
      expect(await counts()).toEqual(before);
    });
  });
});
