import { MAX_RETRY_DELAY_SECONDS } from "./schemas";

/** Exponential backoff after a failed attempt: 2, 4, 8 … seconds, capped at five minutes. */
export function getRetryDelaySeconds(attempts: number): number {
  return Math.min(2 ** Math.max(attempts, 1), MAX_RETRY_DELAY_SECONDS);
}
