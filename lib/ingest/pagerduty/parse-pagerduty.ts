import type { AlertStatus, Severity } from "../../generated/prisma/enums";
import { parseOrThrow } from "../../http";
import { compactRecord, lookUp } from "../../json";
import { toUnlabelledService } from "../find-alert-service";
import { toServiceSlug, toSeverity } from "../map-labels";
import {
  emptyParsedDelivery,
  type IncidentUpdateRequest,
  type NormalizedAlert,
  type ParseContext,
  type ParsedDelivery,
} from "../schemas";
import {
  type TPagerDutyIncident,
  type TPagerDutyWebhook,
  ZPagerDutyIncidentWebhook,
  ZPagerDutyNoteWebhook,
  ZPagerDutyWebhook,
} from "./schemas";

const INCIDENT_EVENT_TYPES = [
  "incident.triggered",
  "incident.acknowledged",
  "incident.unacknowledged",
  "incident.resolved",
  "incident.reopened",
  "incident.reassigned",
  "incident.escalated",
  "incident.delegated",
  "incident.priority_updated",
] as const;
type TIncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

const SEVERITY_BY_URGENCY: Record<string, Severity> = { high: "critical", low: "warning" };

/**
 * Validates a PagerDuty V3 webhook: a triggered incident becomes an alert; acknowledgements,
 * resolutions and notes become requests on our incident; other event types are ignored.
 */
export function parsePagerDuty(json: unknown, _context: ParseContext): ParsedDelivery {
  const { event } = parseOrThrow(ZPagerDutyWebhook, json);
  const deliveryKey = event.id;
  if (event.event_type === "incident.annotated") {
    const { data } = parseOrThrow(ZPagerDutyNoteWebhook, json).event;
    const content = data.content.trim() || "Note added in PagerDuty";
    const text = data.trimmed ? `${content} [shortened by PagerDuty]` : content;
    return emptyParsedDelivery({
      deliveryKey,
      incidentUpdates: [toUpdate(event, data.incident.id, "note", text)],
    });
  }
  if (!isIncidentEventType(event.event_type)) {
    return emptyParsedDelivery({
      deliveryKey,
      ignoredReason: `PagerDuty event type "${event.event_type}" is not acted on`,
    });
  }
  const { data: incident } = parseOrThrow(ZPagerDutyIncidentWebhook, json).event;
  return { ...describeIncidentEvent(event.event_type, incident, event), deliveryKey };
}

function describeIncidentEvent(
  eventType: TIncidentEventType,
  incident: TPagerDutyIncident,
  event: TPagerDutyWebhook["event"],
): ParsedDelivery {
  const note = (text: string) =>
    emptyParsedDelivery({ incidentUpdates: [toUpdate(event, incident.id, "note", text)] });
  const assignees = listSummaries(incident.assignees);
  switch (eventType) {
    case "incident.triggered":
      return emptyParsedDelivery({ alerts: [toAlert(incident, event, "firing")] });
    case "incident.acknowledged":
      return emptyParsedDelivery({
        incidentUpdates: [toUpdate(event, incident.id, "acknowledge", "Acknowledged in PagerDuty")],
      });
    case "incident.resolved":
      return emptyParsedDelivery({
        alerts: [toAlert(incident, event, "resolved")],
        incidentUpdates: [toUpdate(event, incident.id, "resolve", "Resolved in PagerDuty")],
      });
    case "incident.priority_updated":
      return note(
        incident.priority?.summary
          ? `Priority changed to ${incident.priority.summary}`
          : "Priority removed in PagerDuty",
      );
    case "incident.unacknowledged":
      return note("Acknowledgement lapsed or was withdrawn in PagerDuty");
    case "incident.reassigned":
      return note(
        assignees ? `Reassigned in PagerDuty to ${assignees}` : "Reassigned in PagerDuty",
      );
    case "incident.escalated":
      return note(assignees ? `Escalated in PagerDuty to ${assignees}` : "Escalated in PagerDuty");
    case "incident.delegated":
      return note(
        incident.escalation_policy?.summary
          ? `Delegated in PagerDuty to escalation policy ${incident.escalation_policy.summary}`
          : "Delegated in PagerDuty to another escalation policy",
      );
    case "incident.reopened":
      return note("Reopened in PagerDuty");
  }
}

function toAlert(
  incident: TPagerDutyIncident,
  event: TPagerDutyWebhook["event"],
  status: AlertStatus,
): NormalizedAlert {
  const serviceName = incident.service?.summary?.trim();
  const isResolved = status === "resolved";
  const groupKey = `pagerduty:${incident.id}`;
  return {
    source: "pagerduty",
    fingerprint: incident.id,
    status,
    name: incident.title,
    severity: getSeverity(incident),
    summary: null,
    labels: compactRecord({
      pagerduty_incident_id: incident.id,
      pagerduty_incident_number: incident.number?.toString(),
      pagerduty_incident_key: incident.incident_key,
      pagerduty_service_id: incident.service?.id,
      urgency: incident.urgency,
      priority: incident.priority?.summary,
    }),
    annotations: compactRecord({
      html_url: incident.html_url,
      service_url: incident.service?.html_url,
      escalation_policy: incident.escalation_policy?.summary,
    }),
    // A resolution may be the first we hear of the incident; its start is then only an estimate.
    startsAt: isResolved ? (incident.created_at ?? event.occurred_at) : event.occurred_at,
    isStartKnown: !isResolved,
    endsAt: isResolved ? event.occurred_at : null,
    generatorUrl: incident.html_url ?? null,
    groupKey,
    service: serviceName
      ? {
          slug: toServiceSlug(serviceName),
          name: serviceName,
          origin: { field: "service", value: serviceName },
        }
      : toUnlabelledService({ source: "pagerduty", groupKey, fingerprint: incident.id }),
  };
}

function toUpdate(
  event: TPagerDutyWebhook["event"],
  pagerdutyIncidentId: string,
  action: IncidentUpdateRequest["action"],
  text: string,
): IncidentUpdateRequest {
  const agent = event.agent?.summary?.trim();
  return {
    target: { pagerdutyIncidentId },
    action,
    actor: agent ? `PagerDuty: ${agent}` : "PagerDuty",
    at: event.occurred_at,
    text,
  };
}

function getSeverity(incident: TPagerDutyIncident): Severity {
  const fromUrgency = lookUp(SEVERITY_BY_URGENCY, incident.urgency?.toLowerCase() ?? "");
  return fromUrgency ?? toSeverity(incident.priority?.summary);
}

function isIncidentEventType(value: string): value is TIncidentEventType {
  return INCIDENT_EVENT_TYPES.some((type) => type === value);
}

function listSummaries(references: { summary?: string | null }[] | null | undefined): string {
  return (references ?? [])
    .map((reference) => reference.summary?.trim())
    .filter(Boolean)
    .join(", ");
}
