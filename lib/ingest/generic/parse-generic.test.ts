import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { fingerprintLabels } from "../map-labels";
import { DEFAULT_SERVICE_LABELS } from "../read-service-labels";
import { parseGeneric } from "./parse-generic";

const context = {
  receivedAt: new Date("2024-06-01T12:00:00.000Z"),
  headers: {},
  serviceLabels: DEFAULT_SERVICE_LABELS,
};
const parseOne = (alert: Record<string, unknown>) => {
  const parsed = parseGeneric({ alerts: [alert] }, context);
  const [first] = parsed.alerts;
  if (!first || parsed.alerts.length !== 1) throw new Error("expected one alert");
  return first;
};
const expectValidationError = (payload: unknown, message: RegExp) => {
  expect(() => parseGeneric(payload, context)).toThrowError(AppError);
  expect(() => parseGeneric(payload, context)).toThrowError(message);
};

describe("parseGeneric", () => {
  it("fills in the defaults of a minimal alert", () => {
    expect(parseOne({ name: "Backup failed", service: "Billing DB" })).toEqual({
      source: "generic",
      fingerprint: fingerprintLabels({ alertname: "Backup failed", service: "Billing DB" }),
      status: "firing",
      name: "Backup failed",
      severity: "warning",
      summary: null,
      labels: { alertname: "Backup failed", service: "Billing DB" },
      annotations: {},
      startsAt: context.receivedAt,
      isStartKnown: false,
      endsAt: null,
      generatorUrl: null,
      groupKey: null,
      service: {
        slug: "billing-db",
        name: "Billing DB",
        origin: { field: "service", value: "Billing DB" },
      },
    });
  });

  it("reads every documented field", () => {
    const alert = parseOne({
      name: "HighErrorRate",
      status: "resolved",
      service: "checkout",
      severity: "critical",
      summary: "5xx above 5%",
      description: "Checkout returns 5xx to 7% of requests",
      fingerprint: "checkout-5xx",
      labels: { region: "eu-west-1", service: "ignored", replicas: 3, canary: false },
      annotations: { runbook_url: "https://runbooks.example.com/5xx" },
      startsAt: "2024-06-01T11:00:00+02:00",
      endsAt: "2024-06-01T11:30:00Z",
      url: "https://grafana.example.com/d/abc",
      group: "checkout-release-42",
    });
    expect(alert).toEqual({
      source: "generic",
      fingerprint: "checkout-5xx",
      status: "resolved",
      name: "HighErrorRate",
      severity: "critical",
      summary: "5xx above 5%",
      labels: {
        region: "eu-west-1",
        service: "checkout",
        replicas: "3",
        canary: "false",
        alertname: "HighErrorRate",
      },
      annotations: {
        runbook_url: "https://runbooks.example.com/5xx",
        summary: "5xx above 5%",
        description: "Checkout returns 5xx to 7% of requests",
      },
      startsAt: new Date("2024-06-01T09:00:00Z"),
      isStartKnown: true,
      endsAt: new Date("2024-06-01T11:30:00Z"),
      generatorUrl: "https://grafana.example.com/d/abc",
      groupKey: "checkout-release-42",
      service: {
        slug: "checkout",
        name: "checkout",
        origin: { field: "service", value: "checkout" },
      },
    });
  });

  it("hashes labels, name and service into the default fingerprint", () => {
    const base = { name: "DiskFull", service: "db", labels: { host: "db-1" } };
    const fingerprint = parseOne(base).fingerprint;
    expect(fingerprint).toBe(
      fingerprintLabels({ host: "db-1", alertname: "DiskFull", service: "db" }),
    );
    expect(parseOne({ ...base, labels: { host: "db-2" } }).fingerprint).not.toBe(fingerprint);
    expect(parseOne({ ...base, service: "db-replica" }).fingerprint).not.toBe(fingerprint);
    // Severity and summary are not identity: a changed text updates the same alert.
    expect(parseOne({ ...base, severity: "critical", summary: "99%" }).fingerprint).toBe(
      fingerprint,
    );
  });

  it("ends a resolved alert when received, and starts it no later than it ended", () => {
    const resolvedNow = parseOne({ name: "X", service: "s", status: "resolved" });
    expect(resolvedNow.endsAt).toEqual(context.receivedAt);
    const resolvedEarlier = parseOne({
      name: "X",
      service: "s",
      status: "resolved",
      endsAt: "2024-06-01T10:00:00Z",
    });
    expect(resolvedEarlier.startsAt).toEqual(new Date("2024-06-01T10:00:00Z"));
    expect(resolvedEarlier.isStartKnown).toBe(false);
  });

  it("keeps a firing alert open whatever endsAt says", () => {
    expect(parseOne({ name: "X", service: "s", endsAt: "2024-06-02T00:00:00Z" }).endsAt).toBeNull();
  });

  it("falls back to the description for the summary and maps severity words", () => {
    const alert = parseOne({ name: "X", service: "s", description: "long text", severity: "P2" });
    expect(alert.summary).toBe("long text");
    expect(alert.severity).toBe("error");
  });

  it("accepts 1000 alerts", () => {
    const alerts = Array.from({ length: 1000 }, (_, index) => ({
      name: `A${index}`,
      service: "s",
    }));
    expect(parseGeneric({ alerts }, context).alerts).toHaveLength(1000);
  });
});

describe("parseGeneric validation", () => {
  it("requires name and service, naming the alert", () => {
    expectValidationError(
      { alerts: [{ status: "firing" }] },
      /alerts\[0\]\.name: .*alerts\[0\]\.service: /,
    );
    expectValidationError({ alerts: [{ name: "  ", service: "s" }] }, /alerts\[0\]\.name/);
  });

  it("requires between 1 and 1000 alerts", () => {
    expectValidationError({ alerts: [] }, /alerts: /);
    expectValidationError({}, /alerts: /);
    const alerts = Array.from({ length: 1001 }, () => ({ name: "A", service: "s" }));
    expectValidationError({ alerts }, /alerts: /);
  });

  it("rejects unknown statuses, bad timestamps and non-web URLs", () => {
    expectValidationError(
      { alerts: [{ name: "A", service: "s", status: "open" }] },
      /alerts\[0\]\.status/,
    );
    expectValidationError(
      { alerts: [{ name: "A", service: "s", startsAt: "2024-06-01" }] },
      /alerts\[0\]\.startsAt: must be an RFC 3339 timestamp/,
    );
    expectValidationError(
      { alerts: [{ name: "A", service: "s", url: "javascript:alert(1)" }] },
      /alerts\[0\]\.url: must be an http\(s\) URL/,
    );
  });

  it("rejects an end before the start and label values that are objects", () => {
    expectValidationError(
      {
        alerts: [
          {
            name: "A",
            service: "s",
            startsAt: "2024-06-01T10:00:00Z",
            endsAt: "2024-06-01T09:00:00Z",
          },
        ],
      },
      /alerts\[0\]\.endsAt: must not be before startsAt/,
    );
    expectValidationError(
      { alerts: [{ name: "A", service: "s", labels: { team: { name: "x" } } }] },
      /alerts\[0\]\.labels\.team/,
    );
  });
});
