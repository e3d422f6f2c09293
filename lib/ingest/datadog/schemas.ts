import { z } from "zod";

// Datadog renders template variables into strings; a hand-written template may leave one unquoted.
const ZText = z.union([z.string(), z.number()]).transform((value) => String(value).trim());

// Datadog leaves a variable empty when it has no value; empty means absent throughout.
const ZOptionalText = ZText.nullish().transform((value) => value || null);

// $TAGS and $ALERT_SCOPE are comma-separated lists; some templates send them as arrays.
const ZTagList = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((value) => (typeof value === "string" ? value.split(",") : (value ?? [])))
  .transform((tags) => tags.map((tag) => tag.trim()).filter(Boolean));

const MAX_EPOCH_MS = Date.parse("9999-12-31T23:59:59.999Z");

// $DATE and $LAST_UPDATED: milliseconds since the epoch, as a string.
const ZEpochMillis = ZOptionalText.refine(
  (value) => value === null || (/^\d{1,16}$/.test(value) && Number(value) <= MAX_EPOCH_MS),
  { message: "must be milliseconds since the epoch" },
).transform((value) => (value === null ? null : new Date(Number(value))));

/**
 * Datadog webhook: the default template's fields (body, last_updated, event_type, title, date,
 * org, id) plus those custom templates commonly add ($ALERT_TRANSITION, $ALERT_SCOPE, $TAGS, ...).
 */
export const ZDatadogWebhook = z.object({
  title: z.string().trim().min(1),
  body: z
    .string()
    .nullish()
    .transform((value) => value ?? ""),
  event_type: ZOptionalText,
  date: ZEpochMillis,
  last_updated: ZEpochMillis,
  org: z.object({ id: ZOptionalText, name: ZOptionalText }).nullish(),
  id: ZOptionalText,
  alert_transition: ZOptionalText,
  alert_type: ZOptionalText,
  alert_query: ZOptionalText,
  scopes: ZTagList,
  tags: ZTagList,
  monitor_id: ZOptionalText,
  // $AGGREG_KEY: Datadog's own grouping of the events of one monitor and group.
  aggreg_key: ZOptionalText,
  url: ZOptionalText,
  severity: ZOptionalText,
  priority: ZOptionalText,
});

export type TDatadogWebhook = z.infer<typeof ZDatadogWebhook>;
