import { findScheduledRun } from "./find-scheduled-run";
import type { TCandidate, TFeatures, TIncidentContext } from "./schemas";

/** Hops beyond this say nothing more; unreachable candidates sit here too (with is_unreachable). */
export const MAX_HOP_DISTANCE = 6;
/** "Minutes since the last scheduled run" stops growing after a day, and is a day without schedules. */
export const MAX_MINUTES_SINCE_RUN = 24 * 60;
const MISSING_TIER = 3;

/** The model's columns, in order, with what each means: the README shows this table. */
export const FEATURES: { name: string; description: string }[] = [
  {
    name: "has_change",
    description: '1 when the hypothesis blames a change event, 0 for "no recent change"',
  },
  {
    name: "minutes_change_to_first_alert",
    description: "log1p(max(0, minutes from the change to the first alert)); 0 without a change",
  },
  { name: "change_is_deploy", description: "1 when the change is a deploy" },
  { name: "change_is_config", description: "1 when the change is a config change" },
  { name: "change_is_flag", description: "1 when the change is a feature-flag change" },
  { name: "is_red", description: "1 when the candidate is red" },
  { name: "is_amber", description: "1 when the candidate is amber" },
  { name: "alert_count_log", description: "log1p(alerts on the candidate in the incident)" },
  { name: "error_rate", description: "latest error rate (0..1), 0 when missing" },
  { name: "error_rate_missing", description: "1 when there is no error-rate signal" },
  { name: "latency_p99_log", description: "log1p(latest p99 latency in ms), 0 when missing" },
  { name: "latency_missing", description: "1 when there is no latency signal" },
  {
    name: "is_origin",
    description: "1 for the incident's origin (the first red service to alert)",
  },
  {
    name: "hop_distance",
    description: `hops from the origin along dependencies, capped at ${MAX_HOP_DISTANCE} (unreachable = ${MAX_HOP_DISTANCE})`,
  },
  {
    name: "is_unreachable",
    description: "1 when the candidate is not reachable from the origin along dependencies",
  },
  {
    name: "red_dependents_log",
    description: "log1p(red services that depend on it, directly or not)",
  },
  {
    name: "is_shared_dependency",
    description: "1 for a common-cause candidate: a shared dependency of several red services",
  },
  {
    name: "tier",
    description: `catalog tier 1..4 (1 most critical), ${MISSING_TIER} when unknown`,
  },
  {
    name: "prior_incidents_log",
    description: "log1p(the service's incidents in the 90 days before)",
  },
  {
    name: "prior_confirmed_similar_log",
    description: "log1p(of those, confirmed caused by it with a similar symptom)",
  },
  { name: "hour_sin", description: "sin(2π · hour of the first alert / 24), UTC" },
  { name: "hour_cos", description: "cos(2π · hour of the first alert / 24), UTC" },
  { name: "is_overnight", description: "1 when the first alert is between 00:00 and 06:00 UTC" },
  { name: "day_of_week_sin", description: "sin(2π · day of week / 7), UTC, Sunday = 0" },
  { name: "day_of_week_cos", description: "cos(2π · day of week / 7), UTC, Sunday = 0" },
  { name: "is_weekend", description: "1 on Saturday or Sunday (UTC)" },
  {
    name: "in_batch_window",
    description:
      "1 when a declared schedule of the candidate started a run in [first alert − duration − 15 min, first alert + 5 min]",
  },
  {
    name: "minutes_since_scheduled_run_log",
    description: `log1p(minutes from its latest scheduled run start to the first alert), capped at a day; a day without schedules`,
  },
];

export const FEATURE_NAMES: string[] = FEATURES.map((feature) => feature.name);

/**
 * One hypothesis as numbers. Only what is known at the first alert (plus the incident's alert
 * counts) goes in: nothing from the confirmed cause or from later.
 */
export function extractFeatures(candidate: TCandidate, context: TIncidentContext): TFeatures {
  const firstAlertMs = context.firstAlertAt.getTime();
  const { change } = candidate;
  const changeMinutes = change ? (firstAlertMs - change.at.getTime()) / 60_000 : 0;
  const hour = context.firstAlertAt.getUTCHours() + context.firstAlertAt.getUTCMinutes() / 60;
  const day = context.firstAlertAt.getUTCDay();
  const run = findScheduledRun(candidate.schedules, context.firstAlertAt);
  const minutesSinceRun = run
    ? Math.min(
        MAX_MINUTES_SINCE_RUN,
        Math.max(0, (firstAlertMs - run.startedAt.getTime()) / 60_000),
      )
    : MAX_MINUTES_SINCE_RUN;
  const isUnreachable = candidate.hopDistance === null;
  return {
    has_change: change ? 1 : 0,
    minutes_change_to_first_alert: change ? Math.log1p(Math.max(0, changeMinutes)) : 0,
    change_is_deploy: change?.kind === "deploy" ? 1 : 0,
    change_is_config: change?.kind === "config" ? 1 : 0,
    change_is_flag: change?.kind === "flag" ? 1 : 0,
    is_red: candidate.state === "red" ? 1 : 0,
    is_amber: candidate.state === "amber" ? 1 : 0,
    alert_count_log: Math.log1p(Math.max(0, candidate.alertCount)),
    error_rate: candidate.errorRate ?? 0,
    error_rate_missing: candidate.errorRate === null ? 1 : 0,
    latency_p99_log:
      candidate.latencyP99Ms === null ? 0 : Math.log1p(Math.max(0, candidate.latencyP99Ms)),
    latency_missing: candidate.latencyP99Ms === null ? 1 : 0,
    is_origin: candidate.isOrigin ? 1 : 0,
    hop_distance: Math.min(MAX_HOP_DISTANCE, candidate.hopDistance ?? MAX_HOP_DISTANCE),
    is_unreachable: isUnreachable ? 1 : 0,
    red_dependents_log: Math.log1p(Math.max(0, candidate.redDependents)),
    is_shared_dependency: candidate.isSharedDependency ? 1 : 0,
    tier: candidate.tier ?? MISSING_TIER,
    prior_incidents_log: Math.log1p(Math.max(0, candidate.priorIncidents)),
    prior_confirmed_similar_log: Math.log1p(Math.max(0, candidate.priorConfirmedSimilar)),
    hour_sin: Math.sin((2 * Math.PI * hour) / 24),
    hour_cos: Math.cos((2 * Math.PI * hour) / 24),
    is_overnight: hour < 6 ? 1 : 0,
    day_of_week_sin: Math.sin((2 * Math.PI * day) / 7),
    day_of_week_cos: Math.cos((2 * Math.PI * day) / 7),
    is_weekend: day === 0 || day === 6 ? 1 : 0,
    in_batch_window: run?.isInWindow ? 1 : 0,
    minutes_since_scheduled_run_log: Math.log1p(minutesSinceRun),
  };
}
