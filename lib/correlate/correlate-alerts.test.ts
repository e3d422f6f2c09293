import { describe, expect, it } from "vitest";
import { correlateAlerts } from "./correlate-alerts";
import type { OpenIncident, PendingAlert } from "./schemas";

const now = new Date("2026-11-23T12:00:00Z");
let nextId = 1;
function pending(overrides: Partial<PendingAlert> = {}): PendingAlert {
  const id = nextId++;
  return {
    id,
    serviceId: 10,
    serviceSlug: "order-service",
    status: "firing",
    name: `Alert${id}`,
    severity: "warning",
    startsAt: new Date(now.getTime() - 60_000),
    endsAt: null,
    firstSeenAt: new Date(now.getTime() - 30_000 + id),
    groupKey: '{}:{service="order-service"}',
    incidentId: null,
    ...overrides,
    hasFired: overrides.hasFired ?? (overrides.status ?? "firing") === "firing",
  };
}

describe("correlateAlerts", () => {
  it("opens one incident per group, at the highest severity of its alerts", () => {
    const alerts = [
      pending({ name: "HighErrorRate" }),
      pending({ severity: "critical" }),
      pending(),
    ];
    const plan = correlateAlerts(alerts, [], now);
    expect(plan.newIncidents).toHaveLength(1);
    expect(plan.newIncidents[0]).toMatchObject({
      title: "HighErrorRate on order-service",
      severity: "critical",
      originServiceId: 10,
      openedAt: alerts[0]?.firstSeenAt,
      lastAlertAt: alerts[2]?.firstSeenAt,
    });
    expect(plan.assignments.map((assignment) => assignment.alertId)).toEqual(
      alerts.map((alert) => alert.id),
    );
    expect(plan.timeline.filter((event) => event.kind === "incident.opened")).toHaveLength(1);
  });

  it("keeps different groups apart", () => {
    const plan = correlateAlerts([pending({ groupKey: "a" }), pending({ groupKey: "b" })], [], now);
    expect(plan.newIncidents).toHaveLength(2);
  });

  it("adds to the open incident of the same group and raises its severity", () => {
    const open: OpenIncident = {
      id: 7,
      status: "acknowledged",
      severity: "warning",
      correlationKey: "g",
      openedAt: new Date(now.getTime() - 600_000),
      lastAlertAt: new Date(now.getTime() - 600_000),
    };
    const alert = pending({ groupKey: "g", severity: "critical", name: "PodCrashLooping" });
    const plan = correlateAlerts([alert], [open], now);
    expect(plan.newIncidents).toEqual([]);
    expect(plan.assignments).toEqual([
      { alertId: alert.id, incident: { kind: "existing", id: 7 } },
    ]);
    expect(plan.incidentUpdates).toEqual([
      { id: 7, severity: "critical", lastAlertAt: alert.firstSeenAt },
    ]);
    expect(plan.timeline.map((event) => event.kind)).toEqual(["alert.fired", "severity.raised"]);
  });

  it("opens nothing for an alert that only ever arrived resolved", () => {
    const plan = correlateAlerts([pending({ status: "resolved", endsAt: now })], [], now);
    expect(plan.newIncidents).toEqual([]);
    expect(plan.assignments).toEqual([]);
  });

  it("still opens an incident for an alert that fired and resolved before the correlator saw it", () => {
    const endsAt = new Date(now.getTime() - 1_000);
    const plan = correlateAlerts(
      [pending({ status: "resolved", hasFired: true, endsAt })],
      [],
      now,
    );
    expect(plan.newIncidents).toHaveLength(1);
    expect(plan.timeline.map((event) => event.kind)).toEqual([
      "incident.opened",
      "alert.fired",
      "alert.resolved",
    ]);
  });

  it("attaches an only-resolved alert to the open incident of its group", () => {
    const firing = pending({ groupKey: "g" });
    const resolvedOnly = pending({ groupKey: "g", status: "resolved", endsAt: now });
    const plan = correlateAlerts([firing, resolvedOnly], [], now);
    expect(plan.newIncidents).toHaveLength(1);
    expect(plan.assignments.map((assignment) => assignment.alertId)).toEqual([
      firing.id,
      resolvedOnly.id,
    ]);
  });

  it("records a resolution on the alert's incident at the alert's end time", () => {
    const endsAt = new Date(now.getTime() - 5_000);
    const plan = correlateAlerts([pending({ status: "resolved", endsAt, incidentId: 3 })], [], now);
    expect(plan.timeline).toEqual([
      expect.objectContaining({
        incident: { kind: "existing", id: 3 },
        kind: "alert.resolved",
        at: endsAt,
      }),
    ]);
  });
});
