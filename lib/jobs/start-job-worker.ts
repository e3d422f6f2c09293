import { getDb } from "../db";
import { processWide } from "../process-wide";
import { ensureRecurringJobs } from "./ensure-recurring-jobs";
import { runDueJobs } from "./run-due-jobs";

const POLL_INTERVAL_MS = 1_000;

const state = processWide("job-worker", () => ({
  isStarted: false,
  isStopped: false,
  isEnsured: false,
  timer: null as NodeJS.Timeout | null,
  polling: null as Promise<void> | null,
  lastError: null as string | null,
}));

/**
 * The one background loop of a process: about once a second it claims and runs the due jobs.
 * Polls never overlap (the next is scheduled when one ends), and the timer keeps no process alive.
 */
export function startJobWorker(): { stop(): Promise<void> } {
  if (!state.isStarted) {
    state.isStarted = true;
    state.isStopped = false;
    schedule(0);
  }
  return { stop: stopJobWorker };
}

async function stopJobWorker(): Promise<void> {
  state.isStopped = true;
  state.isStarted = false;
  if (state.timer) clearTimeout(state.timer);
  await state.polling;
}

function schedule(delayMs: number): void {
  state.timer = setTimeout(() => {
    state.polling = poll().finally(() => {
      state.polling = null;
      if (!state.isStopped) schedule(POLL_INTERVAL_MS);
    });
  }, delayMs);
  state.timer.unref();
}

async function poll(): Promise<void> {
  try {
    if (!state.isEnsured) {
      await ensureRecurringJobs(await getDb(), new Date());
      state.isEnsured = true;
    }
    await runDueJobs();
    state.lastError = null;
  } catch (error) {
    // The database may be down for a while: say so once, and keep trying every poll.
    const message = error instanceof Error ? error.message : String(error);
    if (message !== state.lastError)
      console.error(`[jobs] poll failed; trying again every second: ${message}`);
    state.lastError = message;
  }
}
