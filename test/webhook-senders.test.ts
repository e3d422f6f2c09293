import { beforeAll, describe, expect, it } from "vitest";
import { POST as postDatadog } from "@/app/api/webhooks/datadog/route";
import { POST as postGeneric } from "@/app/api/webhooks/generic/route";
import { POST as postGrafana } from "@/app/api/webhooks/grafana/route";
import { POST as postPagerduty } from "@/app/api/webhooks/pagerduty/route";
import { POST as postPagerdutyEvents } from "@/app/api/webhooks/pagerduty-events/route";
import type { IntegrationKind } from "@/lib/generated/prisma/enums";
import { findIncidentIdByPagerdutyId } from "@/lib/incidents/find-incident-by-pagerduty-id";
import { listFixtures, readFixture } from "./helpers/fixtures";
import { bearer, createTestIntegration, pagerdutySignature } from "./helpers/integrations";
import { jsonRequest, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
const secrets = new Map<IntegrationKind, string>();

beforeAll(async () => {
  for (const kind of ["grafana", "datadog", "generic", "pagerduty", "pagerduty_events"] as const) {
    secrets.set(kind, (await createTestIntegration(kind)).secret);
  }
});

const secretOf = (kind: IntegrationKind) => secrets.get(kind) ?? "";

const send = {
  grafana: (body: string) =>
    postGrafana(jsonRequest("/api/webhooks/grafana", body, bearer(secretOf("grafana")))),
  datadog: (body: string) =>
    postDatadog(jsonRequest("/api/webhooks/datadog", body, bearer(secretOf("datadog")))),
  generic: (body: string) =>
    postGeneric(jsonRequest("/api/webhooks/generic", body, bearer(secretOf("generic")))),
  pagerduty: (body: string) =>
    postPagerduty(
      jsonRequest("/api/webhooks/pagerduty", body, pagerdutySignature(secretOf("pagerduty"), body)),
    ),
  // PagerDuty's Events API authenticates with the routing_key in the body.
  pagerdutyEvents: (payload: Record<string, unknown>) =>
    postPagerdutyEvents(
      jsonRequest("/api/webhooks/pagerduty-events", {
        ...payload,
        routing_key: secretOf("pagerduty_events"),
      }),
    ),
};

describe("every real fixture of every sender", () => {
  it.each([
    ["grafana", send.grafana],
    ["datadog", send.datadog],
  ] as const)("%s: all accepted with 202, each stored once", async (sender, post) => {
    for (const fixture of listFixtures(`webhooks/${sender}`)) {
      const response = await post(readFixture(fixture));
      const body = await response.json();
      expect(response.status, `${fixture}: ${JSON.stringify(body)}`).toBe(202);
      expect(body.deliveryId, fixture).toEqual(expect.any(Number));
    }
  });

  it("pagerduty webhooks v3: all accepted, unknown event types ignored with 202", async () => {
    for (const fixture of listFixtures("webhooks/pagerduty-v3")) {
      const response = await send.pagerduty(readFixture(fixture));
      const body = await response.json();
      expect(response.status, `${fixture}: ${JSON.stringify(body)}`).toBe(202);
      if (fixture.includes("unknown") || fixture.includes("service_updated")) {
        expect(body.ignored, fixture).toEqual(expect.any(String));
      } else {
        expect(body.ignored, fixture).toBeNull();
      }
    }
  });

  it("pagerduty events v2: all accepted with PagerDuty's own answer", async () => {
    for (const fixture of listFixtures("webhooks/pagerduty-events-v2")) {
      const response = await send.pagerdutyEvents(JSON.parse(readFixture(fixture)));
      const body = await response.json();
      expect(response.status, `${fixture}: ${JSON.stringify(body)}`).toBe(202);
      expect(body.status).toBe("success");
    }
  });
});

describe("PagerDuty webhooks v3", () => {
  /**
   * A real fixture, re-addressed to one PagerDuty incident on a service of its own (so it does
   * not join incidents of other tests) and given a new delivery id.
   */
  function pagerdutyEvent(fixture: string, incidentId: string, eventId: string): string {
    const event = JSON.parse(readFixture(`webhooks/pagerduty-v3/${fixture}`));
    event.event.id = eventId;
    const incident =
      event.event.data.type === "incident" ? event.event.data : event.event.data.incident;
    incident.id = incidentId;
    if (incident.service) incident.service.summary = `svc-${incidentId}`;
    return JSON.stringify(event);
  }

  it("links our incident to PagerDuty's, follows its acknowledge, notes and resolve, and ignores redeliveries", async () => {
    const triggered = pagerdutyEvent("incident_triggered.json", "PFLOW01", "evt-flow-1");
    expect((await send.pagerduty(triggered)).status).toBe(202);
    await settleCorrelation();
    const incidentId = (await findIncidentIdByPagerdutyId("PFLOW01")) ?? 0;
    const incident = () =>
      testDb.db.prisma.incident.findUniqueOrThrow({
        where: { id: incidentId },
        include: { timeline: { orderBy: { id: "asc" } } },
      });
    expect(await incident()).toMatchObject({
      pagerdutyIncidentId: "PFLOW01",
      status: "triggered",
      title: "Test Incident 3 on svc-pflow01",
    });

    // A redelivery of the same event (same event id) creates nothing.
    const before = await testDb.db.prisma.rawDelivery.count();
    expect(await (await send.pagerduty(triggered)).json()).toMatchObject({
      isDuplicate: true,
      deliveryId: null,
    });
    expect(await testDb.db.prisma.rawDelivery.count()).toBe(before);

    const ack = await send.pagerduty(
      pagerdutyEvent("incident_acknowledged.json", "PFLOW01", "evt-flow-2"),
    );
    expect(await ack.json()).toMatchObject({ incidentUpdates: { applied: 1, unmatched: 0 } });
    const acknowledged = await incident();
    expect(acknowledged.status).toBe("acknowledged");
    expect(acknowledged.timeline.at(-1)).toMatchObject({
      kind: "status.changed",
      actor: expect.stringMatching(/^PagerDuty: /),
    });

    await send.pagerduty(pagerdutyEvent("incident_annotated.json", "PFLOW01", "evt-flow-3"));
    expect((await incident()).timeline.at(-1)).toMatchObject({ kind: "note" });

    await send.pagerduty(pagerdutyEvent("incident_resolved.json", "PFLOW01", "evt-flow-4"));
    await settleCorrelation();
    const resolved = await incident();
    expect(resolved.status).toBe("resolved");
    const alert = await testDb.db.prisma.alert.findFirstOrThrow({
      where: { source: "pagerduty", fingerprint: "PFLOW01" },
    });
    expect(alert.status).toBe("resolved");
  });

  it("counts an update for a PagerDuty incident it never saw as unmatched", async () => {
    const response = await send.pagerduty(
      pagerdutyEvent("incident_acknowledged.json", "PNEVER1", "evt-never-1"),
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ incidentUpdates: { applied: 0, unmatched: 1 } });
  });

  it("rejects a body that is not a PagerDuty event with 422", async () => {
    const response = await send.pagerduty(JSON.stringify({ hello: "world" }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toContain("event");
  });
});

describe("PagerDuty Events API v2", () => {
  const trigger = {
    event_action: "trigger",
    dedup_key: "disk-full-db-7",
    payload: {
      summary: "Disk 95% full on db-7",
      source: "db-7",
      severity: "critical",
      component: "orders-db",
    },
  };

  it("deduplicates triggers by dedup_key, acknowledges and resolves the incident, keeping what it knew", async () => {
    const first = await send.pagerdutyEvents(trigger);
    expect(await first.json()).toMatchObject({ status: "success", dedup_key: "disk-full-db-7" });
    await send.pagerdutyEvents({
      ...trigger,
      payload: { ...trigger.payload, summary: "Disk 96% full on db-7" },
    });
    const alerts = await testDb.db.prisma.alert.findMany({
      where: { fingerprint: "disk-full-db-7" },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.summary).toBe("Disk 96% full on db-7");

    const ack = await send.pagerdutyEvents({
      event_action: "acknowledge",
      dedup_key: "disk-full-db-7",
    });
    expect(await ack.json()).toMatchObject({ dedup_key: "disk-full-db-7" });
    const incidentId = (
      await testDb.db.prisma.alert.findFirstOrThrow({ where: { fingerprint: "disk-full-db-7" } })
    ).incidentId;
    expect(
      (await testDb.db.prisma.incident.findUniqueOrThrow({ where: { id: incidentId ?? 0 } }))
        .status,
    ).toBe("acknowledged");

    await send.pagerdutyEvents({ event_action: "resolve", dedup_key: "disk-full-db-7" });
    const resolved = await testDb.db.prisma.alert.findFirstOrThrow({
      where: { fingerprint: "disk-full-db-7" },
    });
    expect(resolved).toMatchObject({
      status: "resolved",
      severity: "critical",
      summary: "Disk 96% full on db-7",
    });
    expect(resolved.labels).toMatchObject({ component: "orders-db" });
  });

  it("stores nothing for the resolve of an alert it never saw", async () => {
    const before = await testDb.db.prisma.alert.count();
    const response = await send.pagerdutyEvents({
      event_action: "resolve",
      dedup_key: "never-seen",
    });
    expect(response.status).toBe(202);
    expect(await testDb.db.prisma.alert.count()).toBe(before);
  });

  it("keeps change events for later analysis", async () => {
    const response = await send.pagerdutyEvents(
      JSON.parse(readFixture("webhooks/pagerduty-events-v2/change_event.json")),
    );
    expect(await response.json()).toMatchObject({ message: "Change event processed" });
    const change = await testDb.db.prisma.changeEvent.findFirstOrThrow({
      where: { summary: { contains: "Increase snapshot create timeout" } },
    });
    expect(change).toMatchObject({ source: "pagerduty", kind: "deploy", version: "2" });
    expect(JSON.stringify(change.details)).not.toContain(secretOf("pagerduty_events"));
  });
});

describe("generic webhook", () => {
  it("creates, updates and resolves an alert by its documented schema", async () => {
    const alert = {
      name: "NightlyBackupFailed",
      service: "billing-db",
      severity: "critical",
      labels: { host: "db-1" },
    };
    expect((await send.generic(JSON.stringify({ alerts: [alert] }))).status).toBe(202);
    expect(
      (await send.generic(JSON.stringify({ alerts: [{ ...alert, status: "resolved" }] }))).status,
    ).toBe(202);
    const stored = await testDb.db.prisma.alert.findMany({
      where: { name: "NightlyBackupFailed" },
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: "generic", status: "resolved", hasFired: true });
  });

  it("names the field that is wrong", async () => {
    const response = await send.generic(JSON.stringify({ alerts: [{ service: "x" }] }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toContain("alerts[0].name");
  });
});
