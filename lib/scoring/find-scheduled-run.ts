import { CronExpressionParser } from "cron-parser";
import type { TSchedule } from "./schemas";

/** How far before the first alert a job may have ended and still be blamed: it can lag its load. */
export const BATCH_WINDOW_GRACE_MINUTES = 15;
/** A job that starts just after the first alert still counts: clocks and alert delays drift. */
export const BATCH_WINDOW_LEAD_MINUTES = 5;

export type TScheduledRun = { schedule: TSchedule; startedAt: Date; isInWindow: boolean };

/**
 * The latest run of any of `schedules` that started no later than `at` + the lead, and whether
 * it falls in the batch window [at − duration − grace, at + lead]. Among several, a run in its
 * window wins, then the most recent one. Null when there are no (parseable) schedules.
 */
export function findScheduledRun(schedules: TSchedule[], at: Date): TScheduledRun | null {
  const latestStart = at.getTime() + BATCH_WINDOW_LEAD_MINUTES * 60_000;
  let best: TScheduledRun | null = null;
  for (const schedule of schedules) {
    const startedAt = findPreviousStart(schedule, latestStart);
    if (!startedAt) continue;
    const windowStart =
      at.getTime() - (schedule.durationMinutes + BATCH_WINDOW_GRACE_MINUTES) * 60_000;
    const run = { schedule, startedAt, isInWindow: startedAt.getTime() >= windowStart };
    if (!best || isBetterRun(run, best)) best = run;
  }
  return best;
}

function isBetterRun(run: TScheduledRun, than: TScheduledRun): boolean {
  if (run.isInWindow !== than.isInWindow) return run.isInWindow;
  return run.startedAt.getTime() > than.startedAt.getTime();
}

function findPreviousStart(schedule: TSchedule, latestStartMs: number): Date | null {
  try {
    // prev() is strictly before currentDate, so step 1 ms past the latest allowed start.
    const expression = CronExpressionParser.parse(schedule.cron, {
      currentDate: new Date(latestStartMs + 1),
      tz: schedule.timeZone ?? "UTC",
    });
    return expression.prev().toDate();
  } catch {
    return null;
  }
}
