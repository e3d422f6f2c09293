import { z } from "zod";

// RFC 3339 as Alertmanager and Grafana write it (up to nanoseconds), plus the "+0000" offsets
// PagerDuty's examples use.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses an RFC 3339 / ISO 8601 timestamp with a zone; null when it is not one. */
export function parseTimestamp(value: string): Date | null {
  if (!ISO_TIMESTAMP.test(value)) return null;
  // "+0000" → "+00:00", which Date.parse needs; most timestamps end in "Z" and skip this.
  const normalized = value.endsWith("Z") ? value : value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  // PostgreSQL's timestamptz covers years 4713 BC to 294276 AD; keep well inside it.
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999 ? date : null;
}

const TIMESTAMP_MESSAGE = "must be an RFC 3339 timestamp with a time zone";

export const ZTimestamp = z.string().refine((value) => parseTimestamp(value) !== null, {
  message: TIMESTAMP_MESSAGE,
});

/** ZTimestamp, read into a Date: parsed once (every alert has two, so it adds up). */
export const ZTimestampDate = z.string().transform((value, context) => {
  const date = parseTimestamp(value);
  if (date) return date;
  context.addIssue({ code: "custom", message: TIMESTAMP_MESSAGE });
  return z.NEVER;
});

// Alertmanager and Grafana write Go's zero time for "not set" (e.g. an alert with no end yet).
const GO_ZERO_TIME_MS = Date.parse("0001-01-01T00:00:00Z");

/** The date, or null when it is missing or Go's zero time. */
export function ignoreGoZeroTime(date: Date | undefined): Date | null {
  return date && date.getTime() > GO_ZERO_TIME_MS ? date : null;
}
