import { describe, expect, it } from "vitest";
import { listFixtures, readJsonFixture } from "../../../test/helpers/fixtures";
import { AppError } from "../../errors";
import { DEFAULT_SERVICE_LABELS } from "../read-service-labels";
import { deriveDedupKey } from "./derive-dedup-key";
import { isPagerDutyChangeEvent } from "./is-change-event";
import { inferChangeKind } from "./normalize-change-event";
import { parsePagerDutyEvents } from "./parse-pagerduty-events";

const context = {
  receivedAt: new Date("2024-06-01T00:00:00.000Z"),
  headers: {},
  serviceLabels: DEFAULT_SERVICE_LABELS,
};
const readFixture = (name: string) => readJsonFixture(`webhooks/pagerduty-events-v2/${name}`);
const ROUTING_KEY = "R0UT1NGK3Y0123456789abcdefabcdef";

const makeTrigger = (
  payload: Record<string, unknown> = {},
  fields: Record<string, unknown> = {},
) => ({
  routing_key: ROUTING_KEY,
  event_action: "trigger",
  payload: {
    summary: "Disk 95% full on db-1",
    source: "db-1.prod",
    severity: "critical",
    ...payload,
  },
  ...fields,
});

describe("parsePagerDutyEvents", () => {
  it.each(listFixtures("webhooks/pagerduty-events-v2"))("accepts %s", (path) => {
    const parsed = parsePagerDutyEvents(readJsonFixture(path), context);
    const items = parsed.alerts.length + parsed.incidentUpdates.length + parsed.changeEvents.length;
    expect(items).toBe(1);
    expect(parsed.ignoredReason).toBeNull();
  });

  it("turns the documented trigger into a firing alert keyed by its dedup_key", () => {
    const parsed = parsePagerDutyEvents(readFixture("trigger_full.json"), context);
    expect(parsed.alerts).toHaveLength(1);
    const [alert] = parsed.alerts;
    expect(alert).toMatchObject({
      source: "pagerduty",
      fingerprint: "samplekeyhere",
      status: "firing",
      name: "Example alert on host1.example.com",
      summary: "Example alert on host1.example.com",
      severity: "info",
      labels: {
        source:
          "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003",
        component: "postgres",
        group: "prod-datapipe",
        class: "deploy",
      },
      isStartKnown: false,
      endsAt: null,
      generatorUrl: "https://monitoring.example.com",
      groupKey: "pagerduty-events:samplekeyhere",
      service: {
        slug: "postgres",
        name: "postgres",
        origin: { field: "component", value: "postgres" },
      },
    });
    expect(alert?.startsAt.toISOString()).toBe("2015-07-17T08:42:58.315Z");
    expect(alert?.annotations).toMatchObject({
      custom_details: '{"ping time":"1500ms","load avg":0.75}',
      client: "Sample Monitoring Service",
      client_url: "https://monitoring.example.com",
    });
    expect(JSON.parse(alert?.annotations.links ?? "[]")).toEqual([
      { href: "https://example.com/", text: "Link text" },
    ]);
  });

  it("never keeps the routing key in labels or annotations", () => {
    const parsed = parsePagerDutyEvents(makeTrigger({ component: "disk" }), context);
    const [alert] = parsed.alerts;
    expect(JSON.stringify([alert?.labels, alert?.annotations])).not.toContain(ROUTING_KEY);
    const change = parsePagerDutyEvents(
      { routing_key: ROUTING_KEY, payload: { summary: "Deployed v2" } },
      context,
    );
    expect(JSON.stringify(change.changeEvents)).not.toContain(ROUTING_KEY);
  });

  it("derives the same dedup_key for the same trigger and returns it as the fingerprint", () => {
    const first = parsePagerDutyEvents(makeTrigger({ timestamp: "2024-06-01T00:00:00Z" }), context);
    const repeat = parsePagerDutyEvents(
      makeTrigger({
        timestamp: "2024-06-01T00:05:00Z",
        severity: "error",
        custom_details: { x: 1 },
      }),
      context,
    );
    const expected = deriveDedupKey(ROUTING_KEY, {
      summary: "Disk 95% full on db-1",
      source: "db-1.prod",
    });
    expect(expected).toMatch(/^[0-9a-f]{32}$/);
    expect(first.alerts[0]?.fingerprint).toBe(expected);
    expect(repeat.alerts[0]?.fingerprint).toBe(expected);
    // An empty dedup_key counts as none.
    const empty = parsePagerDutyEvents(makeTrigger({}, { dedup_key: "" }), context);
    expect(empty.alerts[0]?.fingerprint).toBe(expected);
  });

  it("derives different dedup_keys for other integrations and other components", () => {
    const payload = { summary: "s", source: "h" };
    const key = deriveDedupKey("a", payload);
    expect(deriveDedupKey("b", payload)).not.toBe(key);
    expect(deriveDedupKey("a", { ...payload, component: "c" })).not.toBe(key);
    expect(deriveDedupKey("a", { ...payload, summary: "t" })).not.toBe(key);
  });

  it("takes the service from custom_details, then component, then source", () => {
    const service = (payload: Record<string, unknown>) =>
      parsePagerDutyEvents(makeTrigger(payload), context).alerts[0]?.service;
    expect(service({ custom_details: { service: "Billing API" }, component: "pg" })).toEqual({
      slug: "billing-api",
      name: "Billing API",
      origin: { field: "custom_details.service", value: "Billing API" },
    });
    expect(service({ custom_details: { service: 3 }, component: "pg" })?.slug).toBe("pg");
    expect(service({ custom_details: "free text" })?.slug).toBe("db-1.prod");
  });

  it("starts the alert when it was received if the sender gives no timestamp", () => {
    const [alert] = parsePagerDutyEvents(makeTrigger(), context).alerts;
    expect(alert?.startsAt).toEqual(context.receivedAt);
  });

  it("asks to acknowledge the incident holding the alert with that dedup_key", () => {
    expect(parsePagerDutyEvents(readFixture("acknowledge.json"), context)).toEqual({
      deliveryKey: null,
      alerts: [],
      incidentUpdates: [
        {
          target: { alertSource: "pagerduty", alertFingerprint: "dedupkeyhere" },
          action: "acknowledge",
          actor: "PagerDuty Events API",
          at: context.receivedAt,
          text: "Acknowledged through the PagerDuty Events API",
        },
      ],
      changeEvents: [],
      ignoredReason: null,
    });
  });

  it("resolves the alert with that dedup_key when it was received", () => {
    const parsed = parsePagerDutyEvents(readFixture("resolve.json"), context);
    expect(parsed.incidentUpdates).toEqual([]);
    expect(parsed.alerts).toMatchObject([
      {
        source: "pagerduty",
        fingerprint: "dedupkeyhere",
        status: "resolved",
        isStartKnown: false,
        endsAt: context.receivedAt,
        severity: "info",
        labels: {},
      },
    ]);
  });

  it("reads the documented change event as a deploy with its build number", () => {
    const parsed = parsePagerDutyEvents(readFixture("change_event.json"), context);
    expect(parsed.alerts).toEqual([]);
    expect(parsed.changeEvents).toEqual([
      {
        source: "pagerduty",
        service: {
          slug: "acme-build-pipeline-tool-default-i-9999",
          name: "acme-build-pipeline-tool-default-i-9999",
          origin: { field: "source", value: "acme-build-pipeline-tool-default-i-9999" },
        },
        kind: "deploy",
        summary: "Build Success: Increase snapshot create timeout to 30 seconds",
        version: "2",
        at: new Date("2020-07-17T08:42:58.315Z"),
        links: [{ href: "https://acme.pagerduty.dev/build/2", text: "View more details in Acme!" }],
        details: { build_state: "passed", build_number: "2", run_time: "1236s" },
      },
    ]);
  });

  it("takes a change's service and version from custom_details, its time from receipt", () => {
    const parsed = parsePagerDutyEvents(
      {
        routing_key: ROUTING_KEY,
        payload: {
          summary: "Rotated TLS settings",
          custom_details: { service: "Edge Proxy", sha: "abc123", version: "" },
        },
      },
      context,
    );
    expect(parsed.changeEvents[0]).toMatchObject({
      service: {
        slug: "edge-proxy",
        name: "Edge Proxy",
        origin: { field: "custom_details.service", value: "Edge Proxy" },
      },
      version: "abc123",
      kind: "other",
      at: context.receivedAt,
      links: [],
    });
  });
});

describe("inferChangeKind", () => {
  it.each([
    ["Deployed checkout v1.4.2", {}, "deploy"],
    ["Release 2024.06", {}, "deploy"],
    ["Canary roll-out of api", {}, "deploy"],
    ["Updated nginx configuration", {}, "config"],
    ["Enabled feature flag new-checkout", {}, "flag"],
    ["Feature flag rollout to 50%", {}, "flag"],
    ["Restarted the cluster", {}, "other"],
    ["Change #42", { build_number: 42 }, "deploy"],
    ["Config push", { build_number: 42 }, "config"],
  ] as const)("classifies %s %o as %s", (summary, details, kind) => {
    expect(inferChangeKind(summary, details)).toBe(kind);
  });
});

describe("isPagerDutyChangeEvent", () => {
  it("tells change events from alert events", () => {
    expect(isPagerDutyChangeEvent(readFixture("change_event.json"))).toBe(true);
    expect(isPagerDutyChangeEvent(readFixture("trigger_full.json"))).toBe(false);
    expect(isPagerDutyChangeEvent(readFixture("acknowledge.json"))).toBe(false);
    expect(isPagerDutyChangeEvent([])).toBe(false);
    expect(isPagerDutyChangeEvent(null)).toBe(false);
    // A trigger that forgot its event_action is still an alert event.
    const { event_action: _, ...withoutAction } = makeTrigger();
    expect(isPagerDutyChangeEvent(withoutAction)).toBe(false);
  });
});

describe("parsePagerDutyEvents validation", () => {
  const expectValidationError = (payload: unknown, message: RegExp) => {
    expect(() => parsePagerDutyEvents(payload, context)).toThrowError(AppError);
    expect(() => parsePagerDutyEvents(payload, context)).toThrowError(message);
  };

  it("requires summary, source and a known severity on a trigger", () => {
    expectValidationError(
      makeTrigger({ summary: "", source: undefined, severity: "fatal" }),
      /payload\.summary: .*payload\.source: .*payload\.severity: /,
    );
  });

  it("requires a dedup_key to acknowledge or resolve", () => {
    expectValidationError({ routing_key: ROUTING_KEY, event_action: "resolve" }, /dedup_key/);
    expectValidationError({ routing_key: ROUTING_KEY, event_action: "acknowledge" }, /dedup_key/);
  });

  it("rejects an unknown event_action, and a trigger without one", () => {
    expectValidationError(makeTrigger({}, { event_action: "snooze" }), /event_action/);
    const { event_action: _, ...withoutAction } = makeTrigger();
    expectValidationError(withoutAction, /event_action/);
  });

  it("rejects a timestamp that is not RFC 3339", () => {
    expectValidationError(makeTrigger({ timestamp: "17/07/2015" }), /payload\.timestamp/);
  });

  it("requires a summary on a change event", () => {
    expectValidationError({ routing_key: ROUTING_KEY, payload: {} }, /payload\.summary/);
  });
});
