import { describe, expect, it } from "vitest";
import { readJsonFixture } from "../../../test/helpers/fixtures";
import { DEFAULT_SERVICE_LABELS } from "../read-service-labels";
import { normalizeAlertmanager } from "./parse-alertmanager";
import { ZAlertmanagerWebhook } from "./schemas";

const normalize = (payload: Parameters<typeof normalizeAlertmanager>[0]) =>
  normalizeAlertmanager(payload, DEFAULT_SERVICE_LABELS);

const parseFixture = (name: string) =>
  ZAlertmanagerWebhook.parse(readJsonFixture(`webhooks/alertmanager/${name}`));

describe("normalizeAlertmanager", () => {
  it("turns the 12-alert group into 12 firing alerts of one group", () => {
    const alerts = normalize(parseFixture("firing_12_alerts.json"));
    expect(alerts).toHaveLength(12);
    expect(alerts.map((alert) => alert.name)).toContain("high_memory_load12");
    expect(new Set(alerts.map((alert) => alert.groupKey))).toEqual(
      new Set(['{}:{alertname="high_memory_load"}']),
    );
    // No per-alert status in this payload: the group's status applies.
    expect(alerts.every((alert) => alert.status === "firing")).toBe(true);
    // Go's zero time means "not ended".
    expect(alerts.every((alert) => alert.endsAt === null)).toBe(true);
    // No fingerprint on the wire: one is derived from the labels, distinct per alert.
    expect(new Set(alerts.map((alert) => alert.fingerprint)).size).toBe(12);
  });

  it("keeps Alertmanager's fingerprint and the resolved end time", () => {
    const [alert] = normalize(parseFixture("resolved_single_diskspace.json"));
    expect(alert).toMatchObject({
      fingerprint: "dd19ae3d4e06ac55",
      status: "resolved",
      name: "DiskSpace",
      severity: "error",
      summary: "Disk usage alert on CS30.evilcorp",
      generatorUrl: "my.prometheusserver.url",
    });
    expect(alert?.startsAt.toISOString()).toBe("2017-05-09T07:01:37.803Z");
    expect(alert?.endsAt?.toISOString()).toBe("2017-05-09T07:08:37.818Z");
  });

  it("reads nanosecond timestamps with offsets", () => {
    const [alert] = normalize(parseFixture("firing_grouped_teams_proxy.json"));
    expect(alert?.startsAt.toISOString()).toBe("2018-03-07T11:33:21.873Z");
  });

  it("maps the service from the service label, then job, then app, then the group", () => {
    const payload = parseFixture("firing_grouped_teams_proxy.json");
    const base = payload.alerts[0];
    if (!base) throw new Error("fixture has an alert");
    const withLabels = (labels: Record<string, string>) =>
      normalize({
        ...payload,
        alerts: [{ ...base, labels: { alertname: "X", ...labels } }],
      })[0]?.service;
    expect(withLabels({ service: "Order Service", job: "j", app: "a" })).toEqual({
      slug: "order-service",
      name: "Order Service",
      origin: { label: "service", value: "Order Service" },
    });
    expect(withLabels({ job: "docker_nodes", app: "a" })).toEqual({
      slug: "docker_nodes",
      name: "docker_nodes",
      origin: { label: "job", value: "docker_nodes" },
    });
    expect(withLabels({ app: "cart" })?.slug).toBe("cart");
    expect(withLabels({})).toEqual({
      slug: expect.stringMatching(/^group-[0-9a-f]{8}$/),
      name: `unlabelled alerts of group ${payload.groupKey}`,
      origin: { group: payload.groupKey },
    });
  });

  it("puts alerts labelled only with a host on that host, its port-free name", () => {
    const alerts = normalize(parseFixture("firing_unlabelled_host_only.json"));
    expect(alerts.map((alert) => [alert.name, alert.fingerprint, alert.service])).toEqual([
      [
        "High CPU Temperature",
        "a1bc48475b20e73d",
        { slug: "andromeda", name: "andromeda", origin: { label: "host", value: "andromeda" } },
      ],
      [
        "High CPU Temperature",
        "c2ea85182f28cbd9",
        { slug: "andromeda", name: "andromeda", origin: { label: "host", value: "andromeda" } },
      ],
    ]);
  });

  it("keeps 19 Server-is-down alerts in their one group, each on its own service label", () => {
    const alerts = normalize(parseFixture("firing_19_server_down_one_group.json"));
    expect(alerts).toHaveLength(19);
    expect(new Set(alerts.map((alert) => alert.groupKey)).size).toBe(1);
    expect(alerts[0]?.groupKey).toMatch(/:\{alertname="NodeEvent"\}$/);
    expect(alerts.every((alert) => alert.severity === "critical")).toBe(true);
    expect(alerts.map((alert) => alert.service.origin)).toEqual(
      alerts.map((alert) => ({ label: "service", value: alert.labels.service })),
    );
    expect(new Set(alerts.map((alert) => alert.service.slug)).size).toBe(7);
    expect(new Set(alerts.map((alert) => alert.fingerprint)).size).toBe(19);
  });

  it("without host labels, takes the host from instance, port stripped", () => {
    const payload = parseFixture("firing_19_server_down_one_group.json");
    const [alert] = normalizeAlertmanager(payload, ["host", "instance"]);
    // This sender's exporter spells the label "user3tance": nothing here names a host.
    expect(alert?.service.origin).toEqual({ group: payload.groupKey });
    const relabelled = payload.alerts.map((a) => ({
      ...a,
      labels: { ...a.labels, instance: a.labels.user3tance ?? "" },
    }));
    const [withInstance] = normalizeAlertmanager({ ...payload, alerts: relabelled }, ["instance"]);
    expect(withInstance?.service).toEqual({
      slug: "infrastructure002a.environmentc.user3.myowncompanet.net",
      name: "infrastructure002A.environmentc.user3.myowncompanet.net",
      origin: {
        label: "instance",
        value: "infrastructure002A.environmentc.user3.myowncompanet.net:9001",
      },
    });
  });

  it("derives a group key when an old sender omits it", () => {
    const [alert] = normalize(parseFixture("resolved_single_diskspace.json"));
    expect(alert?.groupKey).toBe("test_webhook:{}");
  });
});

describe("ZAlertmanagerWebhook", () => {
  it("rejects the malformed fixture, naming both missing fields", () => {
    const result = ZAlertmanagerWebhook.safeParse(
      readJsonFixture("webhooks/alertmanager/malformed_missing_status_and_alertname.json"),
    );
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["status", "alerts.0.labels.alertname"]));
  });

  it("rejects timestamps that are not RFC 3339", () => {
    const payload = readJsonFixture("webhooks/alertmanager/resolved_single_diskspace.json") as {
      alerts: { startsAt: string }[];
    };
    const broken = {
      ...payload,
      alerts: payload.alerts.map((alert) => ({ ...alert, startsAt: "yesterday" })),
    };
    expect(ZAlertmanagerWebhook.safeParse(broken).success).toBe(false);
  });
});
