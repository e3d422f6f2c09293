import { z } from "zod";
import { ZTimestampDate } from "../timestamps";

/** PagerDuty's reference to another object: a user, service, priority, escalation policy... */
const ZPagerDutyReference = z.object({
  id: z.string().min(1),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
});

/** The envelope every V3 webhook shares; event_type stays a string so unknown types can be ignored. */
export const ZPagerDutyWebhook = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    resource_type: z.string().nullish(),
    occurred_at: ZTimestampDate,
    agent: ZPagerDutyReference.nullish(),
    data: z.unknown(),
  }),
});

export const ZPagerDutyIncident = z.object({
  id: z.string().min(1),
  number: z.number().int().nullish(),
  title: z.string().min(1),
  html_url: z.string().nullish(),
  status: z.string().nullish(),
  incident_key: z.string().nullish(),
  created_at: ZTimestampDate.nullish(),
  service: ZPagerDutyReference.nullish(),
  assignees: z.array(ZPagerDutyReference).nullish(),
  escalation_policy: ZPagerDutyReference.nullish(),
  priority: ZPagerDutyReference.nullish(),
  urgency: z.string().nullish(),
});

/** Events whose data is an incident (incident.triggered, .acknowledged, .resolved, ...). */
export const ZPagerDutyIncidentWebhook = z.object({
  event: ZPagerDutyWebhook.shape.event.extend({ data: ZPagerDutyIncident }),
});

/** incident.annotated: the data is the note, pointing at its incident. */
export const ZPagerDutyNoteWebhook = z.object({
  event: ZPagerDutyWebhook.shape.event.extend({
    data: z.object({
      incident: ZPagerDutyReference,
      content: z.string(),
      // PagerDuty cuts long notes short in webhooks and says so here.
      trimmed: z.boolean().nullish(),
    }),
  }),
});

export type TPagerDutyWebhook = z.infer<typeof ZPagerDutyWebhook>;
export type TPagerDutyIncidentWebhook = z.infer<typeof ZPagerDutyIncidentWebhook>;
export type TPagerDutyIncident = z.infer<typeof ZPagerDutyIncident>;
export type TPagerDutyNoteWebhook = z.infer<typeof ZPagerDutyNoteWebhook>;
