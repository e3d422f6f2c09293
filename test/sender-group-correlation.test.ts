import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/alertmanager/route";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import { waitForCorrelationIdle } from "@/lib/correlate/request-correlation";
import { ECOMMERCE_TOPOLOGY } from "@/prisma/seed/ecommerce-topology";
import { readJsonFixture } from "./helpers/fixtures";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { jsonRequest, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

// A real Alertmanager notification: one group of 19 "Server is down" alerts on hosts of services
// that no catalog knows. The sender's grouping is all the evidence there is.
const SERVER_DOWN = "webhooks/alertmanager/firing_19_server_down_one_group.json";

type TNotification = {
  groupKey: string;
  alerts: { labels: Record<string, string> }[];
} & Record<string, unknown>;

const testDb = provideTestDatabase();
let secret = "";

beforeAll(async () => {
  await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
  secret = (await createTestIntegration("alertmanager")).secret;
});

beforeEach(async () => {
  await waitForCorrelationIdle();
  const prisma = testDb.db.prisma;
  await prisma.timelineEvent.deleteMany();
  await prisma.alert.deleteMany();
  await prisma.incident.deleteMany();
});

async function deliver(notification: TNotification): Promise<void> {
  const response = await POST(
    jsonRequest("/api/webhooks/alertmanager", notification, bearer(secret)),
  );
  expect(response.status).toBe(202);
}

const serverDown = () => readJsonFixture(SERVER_DOWN) as TNotification;

async function incidentsWithServices() {
  await settleCorrelation();
  return testDb.db.prisma.incident.findMany({
    include: { alerts: { select: { service: { select: { slug: true } } } } },
  });
}

describe("alerts the sender grouped, on services no catalog knows", () => {
  it("open one incident for the 19-alert group", async () => {
    const notification = serverDown();
    const services = new Set(notification.alerts.map((alert) => alert.labels.service));
    expect(notification.alerts).toHaveLength(19);
    expect(services.size).toBeGreaterThanOrEqual(6);
    await deliver(notification);
    const incidents = await incidentsWithServices();
    expect(incidents).toHaveLength(1);
    const alerts = incidents[0]?.alerts ?? [];
    expect(alerts).toHaveLength(await testDb.db.prisma.alert.count());
    expect(new Set(alerts.map((alert) => alert.service.slug)).size).toBe(services.size);
  });

  it("join the incident an earlier pass opened for their group", async () => {
    const notification = serverDown();
    // The first pass sees one service only; the rest arrive later, on services it never saw.
    const first = notification.alerts[0]?.labels.service;
    const isFirst = (alert: { labels: Record<string, string> }) => alert.labels.service === first;
    await deliver({ ...notification, alerts: notification.alerts.filter(isFirst) });
    expect(await incidentsWithServices()).toHaveLength(1);
    await deliver({ ...notification, alerts: notification.alerts.filter((a) => !isFirst(a)) });
    const incidents = await incidentsWithServices();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.alerts).toHaveLength(await testDb.db.prisma.alert.count());
  });

  it("stay apart, one incident per service, when each came in a group of its own", async () => {
    const notification = serverDown();
    const services = [...new Set(notification.alerts.map((alert) => alert.labels.service))];
    for (const service of services) {
      await deliver({
        ...notification,
        groupKey: `{}:{service="${service}"}`,
        alerts: notification.alerts.filter((alert) => alert.labels.service === service),
      });
    }
    expect(await incidentsWithServices()).toHaveLength(services.length);
  });

  it("stay apart when the catalog knows both services and no strong path joins them", async () => {
    const notification = serverDown();
    const [first, second] = notification.alerts;
    if (!first || !second) throw new Error("fixture has fewer than two alerts");
    await deliver({
      ...notification,
      alerts: [
        { ...first, labels: { ...first.labels, service: "order-service" } },
        { ...second, labels: { ...second.labels, service: "search-index" } },
      ],
    });
    const incidents = await incidentsWithServices();
    expect(incidents.map((incident) => incident.alerts.map((alert) => alert.service.slug))).toEqual(
      expect.arrayContaining([["order-service"], ["search-index"]]),
    );
    expect(incidents).toHaveLength(2);
  });
});
