import { isTransientConflict } from "../http";
import { processWide } from "../process-wide";
import { CORRELATION_BATCH_SIZE, correlatePendingAlerts } from "./run-correlation";

// A burst of deliveries waits this long and is then correlated in one pass, instead of each
// delivery starting a pass of its own (one pass per delivery would halve ingest throughput).
const GATHER_MS = 50;
// While deliveries keep coming, passes are spaced further apart: each pass has a fixed cost
// (a dozen queries), and fewer, larger passes leave the CPU to the webhooks that must answer.
const GATHER_UNDER_LOAD_MS = 250;

// Coalesces requests within this process; across processes the database lock serialises passes.
const state = processWide("correlation-loop", () => ({
  running: null as Promise<void> | null,
  isRequestedAgain: false,
}));

/** Asks for a correlation pass soon, without waiting for it. */
export function requestCorrelation(): void {
  if (state.running) {
    state.isRequestedAgain = true;
    return;
  }
  state.running = runUntilIdle().finally(() => {
    state.running = null;
  });
}

/** Resolves when the passes requested so far have finished (tests, graceful shutdown). */
export async function waitForCorrelationIdle(): Promise<void> {
  while (state.running) await state.running;
}

async function runUntilIdle(): Promise<void> {
  let gatherMs = GATHER_MS;
  do {
    state.isRequestedAgain = false;
    await new Promise((resolve) => setTimeout(resolve, gatherMs));
    gatherMs = GATHER_UNDER_LOAD_MS;
    try {
      const result = await correlatePendingAlerts();
      // A full batch means more are waiting already: go again at once.
      if (result.alertsProcessed >= CORRELATION_BATCH_SIZE) {
        state.isRequestedAgain = true;
        gatherMs = 0;
      }
    } catch (error) {
      // Losing a deadlock to an ingest write is routine under load: just go again.
      if (isTransientConflict(error)) {
        state.isRequestedAgain = true;
        continue;
      }
      console.error("[correlate] pass failed; alerts stay pending for the next pass:", error);
      return;
    }
  } while (state.isRequestedAgain);
}
