import { createHash } from "node:crypto";
import type { Severity } from "../generated/prisma/enums";
import { lookUp } from "../json";

/** Lower-case, with anything outside [a-z0-9._-] turned into "-", so labels and catalogs meet. */
export function toServiceSlug(value: string): string {
  // A name of nothing but symbols still gets a slug of its own, not one it shares with others.
  return (
    toServiceSlugOrNull(value) ??
    `service-${createHash("sha256").update(value).digest("hex").slice(0, 8)}`
  );
}

/** The slug of a name, or null when nothing of it survives (a label value of "///"). */
export function toServiceSlugOrNull(value: string): string | null {
  const slug = value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    // Slugs start and end with a letter or digit.
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return slug.slice(0, 200) || null;
}

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: "critical",
  crit: "critical",
  page: "critical",
  emergency: "critical",
  fatal: "critical",
  disaster: "critical",
  p1: "critical",
  sev1: "critical",
  high: "error",
  error: "error",
  err: "error",
  major: "error",
  severe: "error",
  p2: "error",
  sev2: "error",
  warning: "warning",
  warn: "warning",
  average: "warning",
  medium: "warning",
  minor: "warning",
  p3: "warning",
  sev3: "warning",
  info: "info",
  informational: "info",
  information: "info",
  low: "info",
  none: "info",
  ok: "info",
  p4: "info",
  p5: "info",
  sev4: "info",
};

/** Maps a sender's severity word onto PagerDuty's four levels; unknown words count as warning. */
export function toSeverity(value: string | undefined | null): Severity {
  if (!value) return "warning";
  return lookUp(SEVERITY_WORDS, value.trim().toLowerCase()) ?? "warning";
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, error: 3, warning: 2, info: 1 };

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** A stable key for an alert whose sender gave none: a hash of its sorted labels. */
export function fingerprintLabels(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((key) => `${key}\u0000${labels[key]}`)
    .join("\u0001");
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}
