import { CORRELATION_BATCH_SIZE, correlatePendingAlerts } from "./run-correlation";

// Coalesces requests within this process: many deliveries in a burst cause a few passes, not one each.
let running: Promise<void> | null = null;
let isRequestedAgain = false;

/** Asks for a correlation pass soon, without waiting for it. */
export function requestCorrelation(): void {
  if (running) {
    isRequestedAgain = true;
    return;
  }
  running = runUntilIdle().finally(() => {
    running = null;
  });
}

/** Resolves when the passes requested so far have finished (tests, graceful shutdown). */
export async function waitForCorrelationIdle(): Promise<void> {
  while (running) await running;
}

async function runUntilIdle(): Promise<void> {
  do {
    isRequestedAgain = false;
    try {
      const result = await correlatePendingAlerts();
      // A full batch means more may be waiting.
      if (result.alertsProcessed >= CORRELATION_BATCH_SIZE) isRequestedAgain = true;
    } catch (error) {
      console.error("[correlate] pass failed; alerts stay pending for the next pass:", error);
      return;
    }
  } while (isRequestedAgain);
}
