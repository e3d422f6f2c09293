import { describe, expect, it } from "vitest";
import { listFixtures, readJsonFixture } from "../../../test/helpers/fixtures";
import { AppError } from "../../errors";
import { fingerprintLabels } from "../map-labels";
import { DEFAULT_SERVICE_LABELS } from "../read-service-labels";
import { parseGrafana } from "./parse-grafana";

const context = {
  receivedAt: new Date("2024-05-01T12:00:00.000Z"),
  headers: {},
  serviceLabels: DEFAULT_SERVICE_LABELS,
};
const parseFixture = (name: string) =>
  parseGrafana(readJsonFixture(`webhooks/grafana/${name}`), context);

const makePayload = (alert: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  receiver: "ops",
  status: "firing",
  alerts: [alert],
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  version: "1",
  ...overrides,
});

const firingAlert = {
  status: "firing",
  labels: { alertname: "HighLatency", service: "Checkout API", severity: "critical" },
  annotations: { summary: "p99 above 2s" },
  startsAt: "2024-05-01T11:58:00.123456789Z",
  endsAt: "0001-01-01T00:00:00Z",
  generatorURL: "https://grafana.example.com/alerting/grafana/abc/view",
  fingerprint: "0123456789abcdef",
};

describe("parseGrafana", () => {
  it.each(listFixtures("webhooks/grafana").filter((path) => !path.includes("/malformed_")))(
    "accepts the real payload %s",
    (path) => {
      const parsed = parseGrafana(readJsonFixture(path), context);
      expect(parsed.alerts.length).toBeGreaterThan(0);
      expect(parsed.alerts.every((alert) => alert.source === "grafana")).toBe(true);
    },
  );

  it("keeps each alert's own status, fingerprint and service in a mixed group", () => {
    const parsed = parseFixture("firing_mixed_grafana9.json");
    expect(parsed).toMatchObject({ deliveryKey: null, incidentUpdates: [], changeEvents: [] });
    expect(
      parsed.alerts.map((alert) => [alert.status, alert.fingerprint, alert.service.slug]),
    ).toEqual([
      ["resolved", "aaafafe0953f0962", "rabbitmq"],
      ["resolved", "fb31814ac93dbe7d", "rabbitmq"],
      // Only alertname and test: no label names it, so it is its group's, not a shared one.
      ["firing", "6f9cd313db421ef1", expect.stringMatching(/^group-[0-9a-f]{8}$/)],
    ]);
    expect(parsed.alerts[2]?.service.origin).toEqual({ group: '{}/{test="true"}:{}' });
    const [resolved, , firing] = parsed.alerts;
    expect(resolved?.startsAt.toISOString()).toBe("2022-06-17T01:04:00.782Z");
    expect(resolved?.endsAt?.toISOString()).toBe("2022-06-17T01:08:28.652Z");
    expect(resolved?.isStartKnown).toBe(true);
    // Go's zero time means "not ended".
    expect(firing?.endsAt).toBeNull();
    expect(firing?.name).toBe("Second webhook test");
    expect(parsed.alerts.every((alert) => alert.groupKey === '{}/{test="true"}:{}')).toBe(true);
  });

  it("puts Grafana's links next to the rule's annotations and drops empty ones", () => {
    const [alert] = parseFixture("firing_mixed_grafana9.json").alerts;
    expect(alert?.annotations).toEqual({
      description: "This is a description",
      runbook_url: "https://example.com/",
      summary: "This is a summary field, failure on badhost.example.com",
      silence_url: expect.stringContaining("https://grafana.example.com/alerting/silence/new?"),
      value_string: expect.stringContaining("value=17"),
    });
    expect(alert?.summary).toBe("This is a summary field, failure on badhost.example.com");
    expect(alert?.generatorUrl).toBe("https://grafana.example.com/alerting/grafana/zTjxv_C7k/view");
  });

  it("reads the test notification's values and image, and an empty generator URL as none", () => {
    const [alert] = parseFixture("resolved_truncated_test_notification.json").alerts;
    expect(alert).toMatchObject({
      name: "TestAlert",
      status: "resolved",
      fingerprint: "57c6d9296de2ad39",
      generatorUrl: null,
      summary: "Notification test",
      service: {
        slug: "grafana",
        name: "Grafana",
        origin: { label: "instance", value: "Grafana" },
      },
    });
    expect(alert?.annotations.values).toBe('{"foo":10}');
    expect(alert?.annotations.image_url).toBe(
      "https://grafana.com/assets/img/blog/mixed_styles.png",
    );
    expect(alert?.endsAt?.toISOString()).toBe("2022-08-31T10:30:00.522Z");
  });

  it("accepts an alert with nothing but a status, starting when it was received", () => {
    const [alert] = parseFixture("edge_alert_missing_fields.json").alerts;
    expect(alert).toEqual({
      source: "grafana",
      fingerprint: fingerprintLabels({}),
      status: "firing",
      // The title is only "[FIRING:1]": nothing is left once the status prefix is removed.
      name: "Grafana alert",
      severity: "warning",
      summary: null,
      labels: {},
      annotations: {},
      startsAt: context.receivedAt,
      isStartKnown: false,
      endsAt: null,
      generatorUrl: null,
      groupKey: "{}",
      service: {
        slug: expect.stringMatching(/^group-[0-9a-f]{8}$/),
        name: "unlabelled alerts of group {}",
        origin: { group: "{}" },
      },
    });
  });

  it("names an alert labelled only with its folder after the folder and the rule", () => {
    const parsed = parseFixture("firing_unlabelled_folder_only.json");
    expect(parsed.alerts).toHaveLength(1);
    expect(parsed.alerts[0]).toMatchObject({
      name: "Memory (copy)",
      fingerprint: "e6349a25f5ef0e9e",
      groupKey: '{}/{debug="true"}:{alertname="Memory (copy)", grafana_folder="device"}',
      service: {
        slug: "device-memory-copy",
        name: "device/Memory (copy)",
        origin: { label: "grafana_folder+alertname", value: "device/Memory (copy)" },
      },
    });
  });

  it("gives that alert its sender group's service when folder and rule are not in the list", () => {
    const payload = readJsonFixture("webhooks/grafana/firing_unlabelled_folder_only.json");
    const [alert] = parseGrafana(payload, { ...context, serviceLabels: ["service", "job"] }).alerts;
    expect(alert?.service.slug).toMatch(/^group-[0-9a-f]{8}$/);
    expect(alert?.service.origin).toEqual({ group: alert?.groupKey });
  });

  it("names an alert without alertname after the title, minus its status prefix", () => {
    const payload = makePayload({ status: "firing" }, { title: "[FIRING:2] DiskFull (prod)" });
    expect(parseGrafana(payload, context).alerts[0]?.name).toBe("DiskFull (prod)");
  });

  it("maps the service and severity from labels, falling back to the common severity", () => {
    const [alert] = parseGrafana(makePayload(firingAlert), context).alerts;
    expect(alert?.service).toEqual({
      slug: "checkout-api",
      name: "Checkout API",
      origin: { label: "service", value: "Checkout API" },
    });
    expect(alert?.severity).toBe("critical");
    expect(alert?.startsAt.toISOString()).toBe("2024-05-01T11:58:00.123Z");

    const withoutSeverity = { ...firingAlert, labels: { alertname: "X", job: "node" } };
    const payload = makePayload(withoutSeverity, { commonLabels: { severity: "major" } });
    const [fromCommon] = parseGrafana(payload, context).alerts;
    expect(fromCommon?.severity).toBe("error");
    expect(fromCommon?.service.slug).toBe("node");
  });

  it("hashes the labels when Grafana sends no fingerprint", () => {
    const labels = { alertname: "HighLatency", service: "checkout" };
    const [alert] = parseGrafana(
      makePayload({ ...firingAlert, labels, fingerprint: "" }),
      context,
    ).alerts;
    expect(alert?.fingerprint).toBe(fingerprintLabels(labels));
    expect(alert?.fingerprint).not.toBe(fingerprintLabels({ alertname: "HighLatency" }));
  });

  it("derives the group key from receiver and sorted group labels when none is sent", () => {
    const payload = makePayload(firingAlert, { groupLabels: { service: "a", alertname: "b" } });
    expect(parseGrafana(payload, context).alerts[0]?.groupKey).toBe(
      'ops:{"alertname":"b","service":"a"}',
    );
  });

  it("ends a resolved alert when it was received if Grafana gives no end", () => {
    const resolved = { ...firingAlert, status: "resolved", endsAt: "0001-01-01T00:00:00Z" };
    const [alert] = parseGrafana(makePayload(resolved), context).alerts;
    expect(alert?.endsAt).toEqual(context.receivedAt);
  });

  it("ignores a firing alert's projected end and the group status when the alert has its own", () => {
    const projected = { ...firingAlert, endsAt: "2024-05-01T12:10:00Z" };
    const [alert] = parseGrafana(makePayload(projected, { status: "resolved" }), context).alerts;
    expect(alert?.status).toBe("firing");
    expect(alert?.endsAt).toBeNull();
  });

  it("takes null label maps as empty ones", () => {
    const payload = makePayload({ ...firingAlert, annotations: null }, { commonLabels: null });
    expect(parseGrafana(payload, context).alerts[0]?.annotations).toEqual({});
  });
});

describe("parseGrafana validation", () => {
  const expectValidationError = (payload: unknown, message: RegExp) => {
    try {
      parseGrafana(payload, context);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(message) });
      return;
    }
    throw new Error("expected a validation error");
  };

  it("rejects a payload without status or alerts, naming both", () => {
    expectValidationError({ receiver: "x", alerts: [] }, /status: .*alerts: /);
  });

  it("rejects a timestamp that is not RFC 3339, naming the alert", () => {
    const payload = makePayload({ ...firingAlert, startsAt: "2024-05-01 11:58" });
    expectValidationError(payload, /alerts\[0\]\.startsAt: must be an RFC 3339 timestamp/);
  });

  it("rejects an unknown status", () => {
    expectValidationError(
      makePayload({ ...firingAlert, status: "pending" }),
      /alerts\[0\]\.status/,
    );
  });
});
