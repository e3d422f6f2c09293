import { describe, expect, it } from "vitest";
import { listFixtures, readJsonFixture } from "../../../test/helpers/fixtures";
import { AppError } from "../../errors";
import { fingerprintLabels } from "../map-labels";
import { DEFAULT_SERVICE_LABELS } from "../read-service-labels";
import { parseDatadog } from "./parse-datadog";
import { readDatadogTags } from "./read-datadog-tags";

const context = {
  receivedAt: new Date("2024-12-11T16:00:00.000Z"),
  headers: {},
  serviceLabels: DEFAULT_SERVICE_LABELS,
};
const parseFixture = (name: string) => {
  const [alert, ...rest] = parseDatadog(
    readJsonFixture(`webhooks/datadog/${name}`),
    context,
  ).alerts;
  if (!alert || rest.length) throw new Error("expected exactly one alert");
  return alert;
};

describe("parseDatadog with real payloads", () => {
  it.each(listFixtures("webhooks/datadog"))("accepts %s", (path) => {
    const parsed = parseDatadog(readJsonFixture(path), context);
    expect(parsed.alerts).toHaveLength(1);
    expect(parsed.alerts[0]?.isStartKnown).toBe(false);
  });

  it("reads the default template: status and name from the title, monitor id from the body", () => {
    const parsed = parseDatadog(
      readJsonFixture("webhooks/datadog/default_template_service_check_test.json"),
      context,
    );
    expect(parsed.deliveryKey).toBe("5485379890863845239");
    expect(parsed.alerts[0]).toMatchObject({
      source: "datadog",
      status: "firing",
      name: "Host Cluster Alert",
      // Test notifications are kept apart from the monitor's real alert.
      fingerprint: "datadog:18692904:*:test",
      severity: "warning",
      summary: "Test notification triggered by kenaz@puppet.com.",
      labels: {
        alertname: "Host Cluster Alert",
        datadog_monitor_id: "18692904",
        datadog_event_type: "service_check",
        datadog_test: "true",
      },
      endsAt: null,
      groupKey: "datadog:18692904",
      generatorUrl: "https://app.datadoghq.com/monitors#18692904?",
      // No label names a service: the monitor's group does, on a service of its own.
      service: {
        slug: expect.stringMatching(/^group-[0-9a-f]{8}$/),
        name: "unlabelled alerts of group datadog:18692904",
        origin: { group: "datadog:18692904" },
      },
    });
    expect(parsed.alerts[0]?.startsAt.toISOString()).toBe("2020-06-03T20:43:05.000Z");
    expect(parsed.alerts[0]?.annotations.datadog_org).toBe("Puppet");
  });

  it("reads Keep's template: transition, scope, tags and service", () => {
    const alert = parseFixture("keep_custom_log_alert_triggered.json");
    expect(alert).toMatchObject({
      status: "firing",
      name: "Error monitor",
      fingerprint: "datadog:160076582:service:keep-api-matvey-kuk-workflows-fix",
      severity: "error",
      labels: {
        service: "keep-api-matvey-kuk-workflows-fix",
        tag_monitor: "true",
        alertname: "Error monitor",
        datadog_monitor_id: "160076582",
        datadog_event_type: "log_alert",
      },
      service: {
        slug: "keep-api-matvey-kuk-workflows-fix",
        name: "keep-api-matvey-kuk-workflows-fix",
      },
      endsAt: null,
      generatorUrl: expect.stringMatching(/^https:\/\/app\.datadoghq\.com\/monitors\/160076582\?/),
    });
    expect(alert.summary).toMatch(/^More than \*\*0\*\* log events matched/);
    expect(alert.annotations).toMatchObject({
      query: 'logs("status:error").index("*").rollup("count").by("service").last("5m") > 0',
      event_url: "https://app.datadoghq.com/event/event?id=7879709198622396010",
      datadog_transition: "Triggered",
      datadog_alert_type: "error",
    });
    expect(alert.annotations.description).toMatch(/^trace_id:/);
    expect(alert.annotations.description).not.toContain("%%%");
  });

  it("resolves with the same fingerprint the trigger of that group had", () => {
    const alert = parseFixture("keep_custom_log_alert_recovered.json");
    expect(alert).toMatchObject({
      status: "resolved",
      name: "Error monitor",
      fingerprint: "datadog:160076582:service:keep-api-feature-unique-id",
      severity: "info",
    });
    expect(alert.endsAt?.toISOString()).toBe("2024-12-11T15:08:32.000Z");
    expect(alert.startsAt).toEqual(alert.endsAt);
  });

  it("keeps colons inside tag values and takes the service tag only", () => {
    const alert = parseFixture("keep_custom_log_alert_triggered_database.json");
    expect(alert.fingerprint).toBe("datadog:160077064:database_id:keephq-sandbox:keep");
    expect(alert.labels.database_id).toBe("keephq-sandbox:keep");
    expect(alert.service.origin).toEqual({ group: "datadog:160077064" });
    expect(alert.name).toBe("Somethine weird in DB");
  });

  it("caps a Warn transition at warning and strips priority and status prefixes", () => {
    const alert = parseFixture("keep_custom_log_alert_warn_p2.json");
    expect(alert).toMatchObject({
      status: "firing",
      name: "Unauthorized access to API keep-api",
      // Severity P2 would be error, but only the warning threshold was crossed.
      severity: "warning",
      fingerprint: "datadog:134462228:service:keep-api",
      service: {
        slug: "keep-api",
        name: "keep-api",
        origin: { label: "service", value: "keep-api" },
      },
    });
    expect(alert.labels.environment).toBe("production");
  });
});

describe("parseDatadog with hand-made payloads", () => {
  const minimal = { title: "[Triggered on {host:db-1,env:prod}] Disk full", date: "1700000000000" };
  const parseOne = (payload: Record<string, unknown>) => {
    const alert = parseDatadog(payload, context).alerts[0];
    if (!alert) throw new Error("expected an alert");
    return alert;
  };

  it.each([
    ["[Recovered] Disk full", "resolved"],
    ["[Re-Triggered on {host:a}] Disk full", "firing"],
    ["[No Data] Disk full", "firing"],
    ["[P1] [Triggered] Disk full", "firing"],
    ["Disk full", "firing"],
  ] as const)("reads the status of %s from the title", (title, status) => {
    expect(parseOne({ title }).status).toBe(status);
    expect(parseOne({ title }).name).toBe("Disk full");
  });

  it("prefers alert_transition over the title", () => {
    expect(parseOne({ title: "[Triggered] X", alert_transition: "Recovered" }).status).toBe(
      "resolved",
    );
    expect(parseOne({ title: "X", alert_type: "success" }).status).toBe("resolved");
  });

  it("keeps brackets that are not Datadog's in the name", () => {
    expect(parseOne({ title: "[Warn] [prod] Disk full" }).name).toBe("[prod] Disk full");
  });

  it("sorts the title's group so trigger and recovery agree, and hashes labels without a monitor", () => {
    const alert = parseOne(minimal);
    expect(alert.labels).toEqual({ env: "prod", host: "db-1", alertname: "Disk full" });
    expect(alert.fingerprint).toBe(fingerprintLabels(alert.labels));
    expect(alert.groupKey).toBeNull();

    const withMonitor = parseOne({ ...minimal, monitor_id: 42 });
    expect(withMonitor.fingerprint).toBe("datadog:42:env:prod,host:db-1");
    const reordered = parseOne({ ...minimal, monitor_id: 42, scopes: "host:db-1, env:prod" });
    expect(reordered.fingerprint).toBe(withMonitor.fingerprint);
  });

  it("takes the group from the body's monitor link when nothing else names it", () => {
    const body =
      "%%%\nHi\n[[Monitor Status](https://app.datadoghq.eu/monitors/77?group=host%3Aweb-2&from_ts=1)]\n%%%";
    const alert = parseOne({ title: "[Triggered] CPU", body });
    expect(alert.fingerprint).toBe("datadog:77:host:web-2");
    expect(alert.summary).toBe("Hi");
    expect(alert.generatorUrl).toBe(
      "https://app.datadoghq.eu/monitors/77?group=host%3Aweb-2&from_ts=1",
    );
  });

  it.each([
    [{ severity: "critical" }, "critical"],
    [{ priority: "P1" }, "critical"],
    [{ severity: "", priority: "P4" }, "info"],
    [{ alert_type: "error" }, "error"],
    [{ alert_type: "info" }, "info"],
    [{}, "warning"],
  ])("maps %o to severity %s", (fields, severity) => {
    expect(parseOne({ title: "[Triggered] X", ...fields }).severity).toBe(severity);
  });

  it("uses the title's priority when no field gives one", () => {
    expect(parseOne({ title: "[P1] [Triggered] X" }).severity).toBe("critical");
  });

  it("groups by Datadog's aggregation key when the template sends $AGGREG_KEY, else by monitor", () => {
    const fixture = readJsonFixture(
      "webhooks/datadog/keep_custom_log_alert_triggered_database.json",
    );
    const byMonitor = parseDatadog(fixture, context).alerts[0];
    expect(byMonitor?.groupKey).toBe("datadog:160077064");
    // The same real payload, as a template that also sends $AGGREG_KEY would deliver it.
    const withKey = { ...(fixture as Record<string, unknown>), aggreg_key: "a3c1ba7f83ae5b12" };
    const [alert] = parseDatadog(withKey, context).alerts;
    expect(alert?.groupKey).toBe("datadog:aggreg:a3c1ba7f83ae5b12");
    // No label names a service, so the aggregation group is the service, not the monitor.
    expect(alert?.service.origin).toEqual({ group: "datadog:aggreg:a3c1ba7f83ae5b12" });
    expect(alert?.service.slug).not.toBe(byMonitor?.service.slug);
    expect(parseDatadog({ ...withKey, aggreg_key: "" }, context).alerts[0]?.groupKey).toBe(
      "datadog:160077064",
    );
  });

  it("accepts tags as an array and repeated keys", () => {
    const alert = parseOne({
      title: "X",
      tags: ["team:a", "team:b", "team:a", "service:api", "pci"],
    });
    expect(alert.labels).toMatchObject({ team: "a,b", service: "api", tag_pci: "true" });
    expect(alert.service.slug).toBe("api");
  });

  it("falls back to when it was received without a date", () => {
    const alert = parseOne({ title: "[Recovered] X" });
    expect(alert.startsAt).toEqual(context.receivedAt);
    expect(alert.endsAt).toEqual(context.receivedAt);
  });

  it("rejects a payload without a title and a date that is not epoch milliseconds", () => {
    expect(() => parseDatadog({ date: "yesterday" }, context)).toThrowError(AppError);
    expect(() => parseDatadog({ date: "yesterday" }, context)).toThrowError(
      /title: .*; date: must be milliseconds since the epoch/,
    );
    expect(() => parseDatadog({ title: "  " }, context)).toThrowError(/title/);
  });
});

describe("readDatadogTags with keys that name Object.prototype's properties", () => {
  it("keeps them as ordinary labels", () => {
    const labels = readDatadogTags(["constructor:x", "__proto__:y", "toString:z", "constructor:w"]);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.entries(labels)).toEqual([
      ["constructor", "x,w"],
      ["__proto__", "y"],
      ["toString", "z"],
    ]);
  });
});
