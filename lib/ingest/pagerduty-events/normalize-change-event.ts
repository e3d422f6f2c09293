import { toServiceSlug } from "../map-labels";
import type { NormalizedChangeEvent, ParseContext, ServiceRef } from "../schemas";
import type { TPagerDutyChangeEvent } from "./schemas";

type TChangeKind = NormalizedChangeEvent["kind"];

// Most specific first: a feature flag "rollout" is a flag change, a "deployed config" a deploy.
const KIND_PATTERNS: [TChangeKind, RegExp][] = [
  ["flag", /flag|toggle/i],
  ["deploy", /deploy|build|release|roll[\s_-]?out/i],
  ["config", /config/i],
];
const VERSION_FIELDS = ["version", "build_number", "commit", "sha"] as const;

/** A PagerDuty change event as the change it reports, without its routing key. */
export function normalizeChangeEvent(
  event: TPagerDutyChangeEvent,
  context: ParseContext,
): NormalizedChangeEvent {
  const { payload } = event;
  const details = toDetails(payload.custom_details);
  const fromDetails = getText(details.service);
  const fromSource = payload.source?.trim();
  return {
    source: "pagerduty",
    service: fromDetails
      ? toServiceRef(fromDetails, "custom_details.service")
      : fromSource
        ? toServiceRef(fromSource, "source")
        : null,
    kind: inferChangeKind(payload.summary, details),
    summary: payload.summary,
    version: VERSION_FIELDS.map((field) => getText(details[field])).find(Boolean) ?? null,
    at: payload.timestamp ?? context.receivedAt,
    links: (event.links ?? []).map((link) => ({ href: link.href, text: link.text ?? null })),
    details,
  };
}

/** What kind of change the summary names; the custom details decide only when it names none. */
export function inferChangeKind(summary: string, details: Record<string, unknown>): TChangeKind {
  for (const text of [summary, JSON.stringify(details)]) {
    const match = KIND_PATTERNS.find(([, pattern]) => pattern.test(text));
    if (match) return match[0];
  }
  return "other";
}

function toDetails(customDetails: unknown): Record<string, unknown> {
  if (customDetails === undefined || customDetails === null) return {};
  if (typeof customDetails === "object" && !Array.isArray(customDetails)) {
    return Object.fromEntries(Object.entries(customDetails));
  }
  return { value: customDetails };
}

function getText(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

function toServiceRef(name: string, field: string): ServiceRef {
  return { slug: toServiceSlug(name), name, origin: { field, value: name } };
}
