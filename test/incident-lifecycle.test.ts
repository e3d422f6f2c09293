import { beforeAll, describe, expect, it } from "vitest";
import { POST as postStatus } from "@/app/api/incidents/[id]/status/route";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import { resolveQuietIncidents } from "@/lib/incidents/resolve-quiet-incidents";
import { buildAlertmanagerPayload } from "@/lib/scenarios/alertmanager-payload";
import { buildStormDeliveries } from "@/lib/scenarios/order-service-storm";
import { ECOMMERCE_TOPOLOGY } from "@/prisma/seed/ecommerce-topology";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { jsonRequest, routeParams, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
let token = "";
let responder: TTestActor;
let viewer: TTestActor;

beforeAll(async () => {
  responder = await createTestActor("responder");
  viewer = await createTestActor("viewer");
  await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
  token = (await createTestIntegration("alertmanager")).secret;
});

const sendAlertmanager = (payload: unknown) =>
  postAlertmanager(jsonRequest("/api/webhooks/alertmanager", payload, bearer(token)));

/** One alert through the webhook, correlated before this returns. */
async function fireAlert(
  service: string,
  alertname: string,
  severity = "critical",
  startsAt = new Date(),
): Promise<void> {
  const payload = buildAlertmanagerPayload(
    [{ labels: { alertname, service, severity }, startsAt }],
    { groupLabels: { service } },
  );
  expect((await sendAlertmanager(payload)).status).toBe(202);
  await settleCorrelation();
}

async function openIncidentOn(
  service: string,
  alertname: string,
  startsAt = new Date(),
): Promise<number> {
  await fireAlert(service, alertname, "critical", startsAt);
  const alert = await testDb.db.prisma.alert.findFirstOrThrow({ where: { name: alertname } });
  if (alert.incidentId === null) throw new Error("the alert was not correlated");
  return alert.incidentId;
}

const changeStatus = (id: number, body: unknown, as: TTestActor = responder) =>
  postStatus(
    jsonRequest(`/api/incidents/${id}/status`, body, as.headers),
    routeParams({ id: String(id) }),
  );

describe("the order-service storm through the real webhook", () => {
  it("becomes at most 3 incidents, with the unrelated alerts kept apart", async () => {
    const start = new Date();
    for (const delivery of buildStormDeliveries(start)) {
      expect((await sendAlertmanager(delivery.payload)).status).toBe(202);
    }
    await settleCorrelation();
    const stormAlerts = await testDb.db.prisma.alert.findMany({
      where: { startsAt: { gte: start } },
      include: { service: true },
    });
    expect(stormAlerts).toHaveLength(42);
    const incidents = new Set(stormAlerts.map((alert) => alert.incidentId));
    expect(incidents.size).toBeLessThanOrEqual(3);
    const incidentOf = (slug: string) =>
      stormAlerts.find((alert) => alert.service.slug === slug)?.incidentId;
    expect(incidentOf("search-index")).not.toBe(incidentOf("order-service"));
    expect(incidentOf("load-balancer")).not.toBe(incidentOf("order-service"));
    expect(incidentOf("search-index")).not.toBe(incidentOf("load-balancer"));
    const stormIncident = await testDb.db.prisma.incident.findUniqueOrThrow({
      where: { id: incidentOf("order-service") ?? 0 },
      include: { _count: { select: { alerts: true } } },
    });
    expect(stormIncident).toMatchObject({
      title: "HighErrorRate on order-service",
      severity: "critical",
    });
    expect(stormIncident._count.alerts).toBe(40);
    // The correlator remembers every service the incident spans (its next pass matches on them).
    const spanned = await testDb.db.prisma.incidentService.findMany({
      where: { incidentId: stormIncident.id },
      include: { service: true },
    });
    const stormServices = new Set(
      stormAlerts
        .filter((alert) => alert.incidentId === stormIncident.id)
        .map((alert) => alert.service.slug),
    );
    expect(new Set(spanned.map((row) => row.service.slug))).toEqual(stormServices);
  });
});

describe("a later pass adding alerts to an open incident", () => {
  it("raises its severity, moves its last alert time and says so on the timeline", async () => {
    await fireAlert("later-pass-test", "LaterPassWarning", "warning");
    const first = await testDb.db.prisma.alert.findFirstOrThrow({
      where: { name: "LaterPassWarning" },
      include: { incident: true },
    });
    expect(first.incident).toMatchObject({ severity: "warning" });

    await fireAlert("later-pass-test", "LaterPassCritical", "critical");
    const second = await testDb.db.prisma.alert.findFirstOrThrow({
      where: { name: "LaterPassCritical" },
      include: { incident: { include: { timeline: { orderBy: { id: "asc" } } } } },
    });
    expect(second.incidentId).toBe(first.incidentId);
    expect(second.incident?.severity).toBe("critical");
    expect(second.incident?.lastAlertAt).toEqual(second.createdAt);
    expect(second.incident?.timeline.map((event) => event.kind)).toEqual([
      "incident.opened",
      "alert.fired",
      "alert.fired",
      "severity.raised",
    ]);
  });
});

// These use services outside the shop's graph, so they do not join the storm's incident.
describe("incident lifecycle", () => {
  it("moves triggered → acknowledged → mitigated → resolved, recording who and when", async () => {
    const id = await openIncidentOn("lifecycle-test", "LifecycleTest");
    for (const status of ["acknowledged", "mitigated", "resolved"]) {
      // A name typed into the body is ignored: the actor is whoever authenticated.
      const response = await changeStatus(id, {
        status,
        actor: "mallory",
        note: `${status} note`,
      });
      expect(response.status).toBe(200);
      expect((await response.json()).incident).toEqual({ id, status, isChanged: true });
    }
    const incident = await testDb.db.prisma.incident.findUniqueOrThrow({
      where: { id },
      include: { timeline: { where: { kind: "status.changed" }, orderBy: { id: "asc" } } },
    });
    expect(incident.status).toBe("resolved");
    expect(incident.acknowledgedAt).not.toBeNull();
    expect(incident.mitigatedAt).not.toBeNull();
    expect(incident.resolvedAt).not.toBeNull();
    const who = `token responder test (${responder.email})`;
    expect(incident.timeline.map((event) => [event.actor, event.text])).toEqual([
      [who, `Acknowledged by ${who}`],
      [who, `Mitigated by ${who}`],
      [who, `Resolved by ${who}`],
    ]);
    const audit = await testDb.db.prisma.auditEntry.findMany({
      where: { action: "incident.status", objectId: String(id) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => [entry.actor, entry.before, entry.after])).toEqual([
      [who, { status: "triggered" }, { status: "acknowledged", note: "acknowledged note" }],
      [who, { status: "acknowledged" }, { status: "mitigated", note: "mitigated note" }],
      [who, { status: "mitigated" }, { status: "resolved", note: "resolved note" }],
    ]);
  });

  it("refuses to go backwards with 409, changes nothing when asked for the current status", async () => {
    const id = await openIncidentOn("backwards-test", "BackwardsTest");
    await changeStatus(id, { status: "mitigated" });
    const again = await changeStatus(id, { status: "mitigated" });
    expect((await again.json()).incident.isChanged).toBe(false);
    const backwards = await changeStatus(id, { status: "acknowledged" });
    expect(backwards.status).toBe(409);
    expect((await backwards.json()).error.message).toContain("cannot go back");
  });

  it("needs a responder and a known status, and 404s an unknown incident", async () => {
    const id = await openIncidentOn("validation-test", "ValidationTest");
    const asViewer = await changeStatus(id, { status: "acknowledged" }, viewer);
    expect(asViewer.status).toBe(403);
    expect((await asViewer.json()).error.message).toContain("responder role");
    const nobody = { email: "", headers: {}, tokenId: 0 };
    expect((await changeStatus(id, { status: "acknowledged" }, nobody)).status).toBe(401);
    expect((await changeStatus(id, { status: "closed" })).status).toBe(422);
    expect((await changeStatus(987_654, { status: "resolved" })).status).toBe(404);
    const incident = await testDb.db.prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(incident.status).toBe("triggered");
  });

  it("resolves an incident by itself once all its alerts stayed resolved for the quiet period", async () => {
    const startsAt = new Date();
    const id = await openIncidentOn("quiet-test", "QuietTest", startsAt);
    const resolved = buildAlertmanagerPayload(
      [
        {
          labels: { alertname: "QuietTest", service: "quiet-test", severity: "critical" },
          startsAt,
          status: "resolved",
          endsAt: new Date(),
        },
      ],
      { groupLabels: { service: "quiet-test" } },
    );
    await sendAlertmanager(resolved);
    await settleCorrelation();

    // Not yet: the quiet period has not passed.
    expect(await resolveQuietIncidents(new Date(), 5)).not.toContain(id);
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await resolveQuietIncidents(later, 5)).toContain(id);
    const incident = await testDb.db.prisma.incident.findUniqueOrThrow({
      where: { id },
      include: { timeline: { orderBy: { id: "desc" }, take: 1 } },
    });
    expect(incident.status).toBe("resolved");
    expect(incident.timeline[0]?.text).toMatch(/^Resolved automatically: all 1 alerts resolved/);
  });

  it("does not resolve an incident while any of its alerts still fires", async () => {
    const id = await openIncidentOn("still-firing-test", "StillFiring");
    expect(await resolveQuietIncidents(new Date(Date.now() + 60 * 60_000), 5)).not.toContain(id);
  });
});
