import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { POST as postGrafana } from "@/app/api/webhooks/grafana/route";
import { POST as postPagerdutyEvents } from "@/app/api/webhooks/pagerduty-events/route";
import { getServiceOrThrow } from "@/lib/catalog/get-service";
import { waitForCorrelationIdle } from "@/lib/correlate/request-correlation";
import { readFixture } from "./helpers/fixtures";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { jsonRequest, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
const secrets = { alertmanager: "", grafana: "", pagerduty_events: "" };

beforeAll(async () => {
  for (const kind of ["alertmanager", "grafana", "pagerduty_events"] as const) {
    secrets[kind] = (await createTestIntegration(kind)).secret;
  }
});

beforeEach(async () => {
  await waitForCorrelationIdle();
  const prisma = testDb.db.prisma;
  await prisma.timelineEvent.deleteMany();
  await prisma.alert.deleteMany();
  await prisma.incident.deleteMany();
  await prisma.rawDelivery.deleteMany();
  await prisma.service.deleteMany();
});

const send = {
  alertmanager: (fixture: string) =>
    postAlertmanager(
      jsonRequest("/api/webhooks/alertmanager", readFixture(fixture), bearer(secrets.alertmanager)),
    ),
  grafana: (fixture: string) =>
    postGrafana(
      jsonRequest("/api/webhooks/grafana", readFixture(fixture), bearer(secrets.grafana)),
    ),
  pagerdutyEvents: (payload: Record<string, unknown>) =>
    postPagerdutyEvents(
      jsonRequest("/api/webhooks/pagerduty-events", {
        ...payload,
        routing_key: secrets.pagerduty_events,
      }),
    ),
};

async function listIncidents() {
  return testDb.db.prisma.incident.findMany({
    orderBy: { id: "asc" },
    include: { alerts: { include: { service: true }, orderBy: { id: "asc" } } },
  });
}

describe("alerts whose labels name no service, job or app", () => {
  it("open one incident per real payload: the CPU alert's on its host, the Grafana one's on its folder and rule", async () => {
    const cpu = await send.alertmanager("webhooks/alertmanager/firing_unlabelled_host_only.json");
    expect(cpu.status).toBe(202);
    const memory = await send.grafana("webhooks/grafana/firing_unlabelled_folder_only.json");
    expect(memory.status).toBe(202);
    await settleCorrelation();

    const incidents = await listIncidents();
    expect(incidents.map((incident) => incident.title)).toEqual([
      "High CPU Temperature on andromeda",
      "Memory (copy) on device-memory-copy",
    ]);
    const [onHost, onFolder] = incidents;
    expect(onHost?.alerts.map((alert) => [alert.fingerprint, alert.service.slug])).toEqual([
      ["a1bc48475b20e73d", "andromeda"],
      ["c2ea85182f28cbd9", "andromeda"],
    ]);
    expect(onFolder?.alerts.map((alert) => alert.service.slug)).toEqual(["device-memory-copy"]);

    // The service page's data says which label of the alert made the service.
    const andromeda = await getServiceOrThrow("andromeda");
    expect(andromeda).toMatchObject({ name: "andromeda", isUnmapped: true });
    expect(andromeda.metadata.mappedFrom).toEqual({ label: "host", value: "andromeda" });
    expect(andromeda.firingAlerts).toHaveLength(2);
    const folder = await getServiceOrThrow("device-memory-copy");
    expect(folder.metadata.mappedFrom).toEqual({
      label: "grafana_folder+alertname",
      value: "device/Memory (copy)",
    });
  });

  it("never share an incident just because neither names anything", async () => {
    // No label of the default precedence in either: only their sender groups tell them apart.
    await send.alertmanager("webhooks/alertmanager/firing_12_alerts.json");
    await send.grafana("webhooks/grafana/edge_alert_missing_fields.json");
    await settleCorrelation();

    const incidents = await listIncidents();
    expect(incidents).toHaveLength(2);
    const servicesOf = incidents.map(
      (incident) => new Set(incident.alerts.map((alert) => alert.service.slug)),
    );
    expect(servicesOf.map((slugs) => slugs.size)).toEqual([1, 1]);
    const [memoryGroup = "", emptyGroup = ""] = servicesOf.map((slugs) => [...slugs][0] ?? "");
    expect(memoryGroup).toMatch(/^group-[0-9a-f]{8}$/);
    expect(emptyGroup).toMatch(/^group-[0-9a-f]{8}$/);
    expect(memoryGroup).not.toBe(emptyGroup);
    expect(incidents[0]?.alerts).toHaveLength(12);

    const service = await getServiceOrThrow(memoryGroup);
    expect(service.metadata.mappedFrom).toEqual({ group: '{}:{alertname="high_memory_load"}' });
  });

  it("a PagerDuty resolve naming only its dedup key creates no service of its own", async () => {
    const trigger = JSON.parse(readFixture("webhooks/pagerduty-events-v2/trigger_full.json"));
    expect((await send.pagerdutyEvents(trigger)).status).toBe(202);
    await settleCorrelation();
    const before = await testDb.db.prisma.service.findMany({ select: { slug: true } });
    expect(before).toEqual([{ slug: "postgres" }]);

    const resolve = { event_action: "resolve", dedup_key: trigger.dedup_key };
    expect((await send.pagerdutyEvents(resolve)).status).toBe(202);
    const after = await testDb.db.prisma.service.findMany({ select: { slug: true } });
    expect(after).toEqual(before);
    const alert = await testDb.db.prisma.alert.findFirstOrThrow({ include: { service: true } });
    expect(alert).toMatchObject({ status: "resolved", service: { slug: "postgres" } });
  });
});
