import { describe, expect, it } from "vitest";
import { listFixtures, readJsonFixture } from "../../../test/helpers/fixtures";
import { AppError } from "../../errors";
import { DEFAULT_SERVICE_LABELS } from "../read-service-labels";
import { parsePagerDuty } from "./parse-pagerduty";

const context = {
  receivedAt: new Date("2024-06-01T00:00:00.000Z"),
  headers: {},
  serviceLabels: DEFAULT_SERVICE_LABELS,
};
const parseFixture = (name: string) =>
  parsePagerDuty(readJsonFixture(`webhooks/pagerduty-v3/${name}`), context);

// A hand-made incident event, as PagerDuty sends for every incident.* type.
const makeEvent = (eventType: string, data: Record<string, unknown> = {}) => ({
  event: {
    id: "01EVENT",
    event_type: eventType,
    resource_type: "incident",
    occurred_at: "2024-06-01T10:00:00.000Z",
    agent: { id: "PUSER", summary: "Jane Doe", type: "user_reference" },
    client: null,
    data: {
      id: "PINC123",
      type: "incident",
      number: 42,
      title: "Checkout latency",
      html_url: "https://acme.pagerduty.com/incidents/PINC123",
      service: { id: "PSVC", summary: "Checkout API", type: "service_reference" },
      assignees: [
        { id: "PU1", summary: "Ann" },
        { id: "PU2", summary: "Bob" },
      ],
      escalation_policy: { id: "PEP", summary: "Payments on-call" },
      priority: null,
      urgency: "low",
      ...data,
    },
  },
});

describe("parsePagerDuty", () => {
  it.each(listFixtures("webhooks/pagerduty-v3"))("accepts %s with its event id", (path) => {
    const parsed = parsePagerDuty(readJsonFixture(path), context);
    expect(parsed.deliveryKey).toMatch(/^[\w-]{20,}$/);
  });

  it("turns a triggered incident into a firing alert keyed by the incident id", () => {
    const parsed = parseFixture("incident_triggered.json");
    expect(parsed).toMatchObject({
      deliveryKey: "01BZYIL05THJDFF2Y08X9SVMTU",
      incidentUpdates: [],
      ignoredReason: null,
    });
    expect(parsed.alerts).toEqual([
      {
        source: "pagerduty",
        fingerprint: "PFQZPSY",
        status: "firing",
        name: "Test Incident 3",
        severity: "critical",
        summary: null,
        labels: {
          pagerduty_incident_id: "PFQZPSY",
          pagerduty_incident_number: "9",
          pagerduty_service_id: "PA2P440",
          urgency: "high",
        },
        annotations: {
          html_url: "https://pig208.pagerduty.com/incidents/PFQZPSY",
          service_url: "https://pig208.pagerduty.com/services/PA2P440",
          escalation_policy: "Default",
        },
        startsAt: new Date("2021-06-04T13:35:29.781Z"),
        isStartKnown: true,
        endsAt: null,
        generatorUrl: "https://pig208.pagerduty.com/incidents/PFQZPSY",
        groupKey: "pagerduty:PFQZPSY",
        service: { slug: "pig208", name: "pig208", origin: { field: "service", value: "pig208" } },
      },
    ]);
  });

  it("asks to acknowledge the linked incident, naming who did it", () => {
    const parsed = parseFixture("incident_acknowledged.json");
    expect(parsed.alerts).toEqual([]);
    expect(parsed.incidentUpdates).toEqual([
      {
        target: { pagerdutyIncidentId: "PQ1K5C8" },
        action: "acknowledge",
        actor: "PagerDuty: PIG 208",
        at: new Date("2021-06-04T13:55:30.394Z"),
        text: "Acknowledged in PagerDuty",
      },
    ]);
  });

  it("resolves both the incident and the alert of the same incident id", () => {
    const parsed = parseFixture("incident_resolved.json");
    expect(parsed.incidentUpdates).toMatchObject([
      {
        target: { pagerdutyIncidentId: "PCPZE64" },
        action: "resolve",
        actor: "PagerDuty: PIG 208",
      },
    ]);
    expect(parsed.alerts).toMatchObject([
      {
        fingerprint: "PCPZE64",
        status: "resolved",
        isStartKnown: false,
        endsAt: new Date("2021-06-04T13:16:53.816Z"),
        groupKey: "pagerduty:PCPZE64",
      },
    ]);
  });

  it("starts a resolved alert when the incident was created, if PagerDuty says", () => {
    const parsed = parsePagerDuty(
      makeEvent("incident.resolved", { created_at: "2024-06-01T09:00:00Z" }),
      context,
    );
    expect(parsed.alerts[0]?.startsAt).toEqual(new Date("2024-06-01T09:00:00Z"));
    expect(parsed.alerts[0]?.endsAt).toEqual(new Date("2024-06-01T10:00:00Z"));
  });

  it("adds a note with the note's content to the incident it annotates", () => {
    expect(parseFixture("incident_annotated.json").incidentUpdates).toEqual([
      {
        target: { pagerdutyIncidentId: "Q3B15VLMF3ASBD" },
        action: "note",
        actor: "PagerDuty: Harsh Santwani",
        at: new Date("2026-04-01T02:18:59.674Z"),
        text: "Running KILL on long-running queries from the reporting-service.",
      },
    ]);
  });

  it("says when PagerDuty shortened a note", () => {
    const payload = {
      event: {
        ...makeEvent("incident.annotated").event,
        data: { incident: { id: "PINC123" }, content: "Long note", trimmed: true },
      },
    };
    expect(parsePagerDuty(payload, context).incidentUpdates[0]?.text).toBe(
      "Long note [shortened by PagerDuty]",
    );
  });

  it("notes a priority change", () => {
    const parsed = parseFixture("incident_priority_updated_docs.json");
    expect(parsed.incidentUpdates).toEqual([
      {
        target: { pagerdutyIncidentId: "PGR0VU2" },
        action: "note",
        actor: "PagerDuty: Tenex Engineer",
        at: new Date("2020-10-02T18:45:22.169Z"),
        text: "Priority changed to P1",
      },
    ]);
    expect(parsed.alerts).toEqual([]);
  });

  it.each([
    ["incident.unacknowledged", "Acknowledgement lapsed or was withdrawn in PagerDuty"],
    ["incident.reassigned", "Reassigned in PagerDuty to Ann, Bob"],
    ["incident.escalated", "Escalated in PagerDuty to Ann, Bob"],
    ["incident.delegated", "Delegated in PagerDuty to escalation policy Payments on-call"],
    ["incident.reopened", "Reopened in PagerDuty"],
  ])("notes %s on the incident", (eventType, text) => {
    const parsed = parsePagerDuty(makeEvent(eventType), context);
    expect(parsed.alerts).toEqual([]);
    expect(parsed.incidentUpdates).toEqual([
      {
        target: { pagerdutyIncidentId: "PINC123" },
        action: "note",
        actor: "PagerDuty: Jane Doe",
        at: new Date("2024-06-01T10:00:00.000Z"),
        text,
      },
    ]);
  });

  it.each([
    ["edge_unknown_event_type.json", "incident.unsupported"],
    ["service_updated_docs.json", "service.updated"],
  ])("ignores %s without an error", (name, eventType) => {
    const parsed = parseFixture(name);
    expect(parsed.ignoredReason).toContain(eventType);
    expect(parsed.alerts).toEqual([]);
    expect(parsed.incidentUpdates).toEqual([]);
    expect(parsed.changeEvents).toEqual([]);
  });

  it("maps low urgency to warning, else the priority, and slugs the service", () => {
    const [alert] = parsePagerDuty(makeEvent("incident.triggered"), context).alerts;
    expect(alert?.severity).toBe("warning");
    expect(alert?.service).toEqual({
      slug: "checkout-api",
      name: "Checkout API",
      origin: { field: "service", value: "Checkout API" },
    });
    const withPriority = makeEvent("incident.triggered", {
      urgency: null,
      priority: { id: "PP", summary: "P2" },
    });
    const [prioritised] = parsePagerDuty(withPriority, context).alerts;
    expect(prioritised?.severity).toBe("error");
    expect(prioritised?.labels.priority).toBe("P2");
  });

  it("names no actor but PagerDuty when the event has no agent", () => {
    const payload = makeEvent("incident.acknowledged");
    const parsed = parsePagerDuty({ event: { ...payload.event, agent: null } }, context);
    expect(parsed.incidentUpdates[0]?.actor).toBe("PagerDuty");
  });
});

describe("parsePagerDuty validation", () => {
  it("rejects an event without an event type or id, naming the paths", () => {
    const { event } = makeEvent("incident.triggered");
    const broken = { event: { ...event, id: undefined, event_type: 7 } };
    expect(() => parsePagerDuty(broken, context)).toThrowError(AppError);
    expect(() => parsePagerDuty(broken, context)).toThrowError(/event\.id: .*event\.event_type/);
  });

  it("rejects a triggered incident without a title, naming the path", () => {
    const payload = makeEvent("incident.triggered", { title: undefined });
    expect(() => parsePagerDuty(payload, context)).toThrowError(/event\.data\.title/);
  });

  it("rejects a note without content", () => {
    const { event } = makeEvent("incident.annotated");
    const payload = { event: { ...event, data: { incident: { id: "P1" } } } };
    expect(() => parsePagerDuty(payload, context)).toThrowError(/event\.data\.content/);
  });

  it("does not validate the data of event types it ignores", () => {
    const { event } = makeEvent("incident.responder.added");
    const parsed = parsePagerDuty({ event: { ...event, data: { anything: 1 } } }, context);
    expect(parsed.ignoredReason).toBe(
      'PagerDuty event type "incident.responder.added" is not acted on',
    );
  });
});
