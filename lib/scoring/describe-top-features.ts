import { findScheduledRun } from "./find-scheduled-run";
import type { TCandidate, TIncidentContext } from "./schemas";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * The features that moved a hypothesis's score most, as phrases a responder reads ("deploy 4 min
 * before first alert"): the k largest |contribution|, those that raised it first. Features that
 * say the same thing (has_change and its minutes) give one phrase.
 */
export function describeTopFeatures(
  contributions: Record<string, number>,
  candidate: TCandidate,
  context: TIncidentContext,
  k = 3,
): string[] {
  const ranked = Object.entries(contributions)
    .filter(([, value]) => Number.isFinite(value) && value !== 0)
    .sort(([nameA, a], [nameB, b]) => Math.abs(b) - Math.abs(a) || nameA.localeCompare(nameB));
  const picked: { phrase: string; value: number }[] = [];
  for (const [name, value] of ranked) {
    if (picked.length === k) break;
    const phrase = describeFeature(name, candidate, context);
    if (!phrase || picked.some((each) => each.phrase === phrase)) continue;
    picked.push({ phrase, value });
  }
  return [
    ...picked.filter((each) => each.value > 0),
    ...picked.filter((each) => each.value < 0),
  ].map((each) => each.phrase);
}

function describeFeature(
  name: string,
  candidate: TCandidate,
  context: TIncidentContext,
): string | null {
  switch (name) {
    case "has_change":
    case "minutes_change_to_first_alert":
    case "change_is_deploy":
    case "change_is_config":
    case "change_is_flag":
      return describeChange(candidate, context);
    case "is_red":
    case "is_amber":
      return candidate.state === "gray" ? "neither red nor amber" : `is ${candidate.state}`;
    case "alert_count_log":
      return `${candidate.alertCount} ${candidate.alertCount === 1 ? "alert" : "alerts"} on it`;
    case "error_rate":
    case "error_rate_missing":
      return candidate.errorRate === null
        ? "no error-rate signal"
        : `error rate ${formatPercent(candidate.errorRate)}`;
    case "latency_p99_log":
    case "latency_missing":
      return candidate.latencyP99Ms === null
        ? "no latency signal"
        : `p99 latency ${Math.round(candidate.latencyP99Ms)} ms`;
    case "is_origin":
      return candidate.isOrigin ? "origin of the incident" : "not the origin";
    case "hop_distance":
    case "is_unreachable":
      return describeHops(candidate.hopDistance);
    case "red_dependents_log":
    case "is_shared_dependency":
      return describeDependents(candidate);
    case "tier":
      return candidate.tier === null ? "tier unknown" : `tier ${candidate.tier}`;
    case "prior_incidents_log":
      return `${candidate.priorIncidents} prior ${candidate.priorIncidents === 1 ? "incident" : "incidents"} in 90 days`;
    case "prior_confirmed_similar_log":
      return candidate.priorConfirmedSimilar === 0
        ? "never confirmed as the cause of a similar incident"
        : `confirmed cause of ${candidate.priorConfirmedSimilar} similar ${candidate.priorConfirmedSimilar === 1 ? "incident" : "incidents"}`;
    case "hour_sin":
    case "hour_cos":
    case "is_overnight":
    case "in_batch_window":
    case "minutes_since_scheduled_run_log":
      return describeTime(candidate, context);
    case "day_of_week_sin":
    case "day_of_week_cos":
    case "is_weekend":
      return describeDay(context.firstAlertAt);
    default:
      return null;
  }
}

function describeChange(candidate: TCandidate, context: TIncidentContext): string {
  const { change } = candidate;
  if (!change) return "no recent change";
  const kind = change.kind === "other" ? "change" : change.kind;
  const minutes = Math.round((context.firstAlertAt.getTime() - change.at.getTime()) / 60_000);
  if (minutes < 0) return `${kind} ${-minutes} min after first alert`;
  return `${kind} ${minutes} min before first alert`;
}

function describeHops(hops: number | null): string {
  if (hops === null) return "not reachable from the origin";
  if (hops === 0) return "origin of the incident";
  return `${hops} ${hops === 1 ? "hop" : "hops"} from the origin`;
}

function describeDependents(candidate: TCandidate): string {
  const count = candidate.redDependents;
  const services = `${count} red ${count === 1 ? "service" : "services"}`;
  if (candidate.isSharedDependency) return `shared dependency of ${services}`;
  return count === 0 ? "no red dependents" : `${services} depend on it`;
}

function describeTime(candidate: TCandidate, context: TIncidentContext): string {
  const at = context.firstAlertAt;
  const hour = at.getUTCHours();
  const isOvernight = hour < 6;
  const run = findScheduledRun(candidate.schedules, at);
  const clock = `${String(hour).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")} UTC`;
  if (run?.isInWindow) {
    const window = `inside the batch window of ${run.schedule.name}`;
    return isOvernight ? `overnight, ${window}` : `${window} (${clock})`;
  }
  return isOvernight ? `overnight (${clock}), no batch job of its own running` : `at ${clock}`;
}

function describeDay(at: Date): string {
  const day = at.getUTCDay();
  const name = WEEKDAYS[day] ?? "";
  return day === 0 || day === 6 ? `on a weekend (${name})` : `on a weekday (${name})`;
}

function formatPercent(rate: number): string {
  const percent = rate * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}
