import { z } from "zod";

/** What a handler learns about the run besides its payload. */
export type TJobContext = { now: Date; jobId: number; attempt: number };

/**
 * Delivery is at least once: a worker that dies mid-run loses its lease and the job runs again,
 * so every handler must be idempotent. Each handler zod-parses its own payload.
 */
export type TJobHandler = (payload: unknown, context: TJobContext) => Promise<void>;

/** A job as a worker holds it after claiming: its lease is `lockedBy` until `lockedUntil`. */
export const ZClaimedJob = z.object({
  id: z.number().int(),
  kind: z.string(),
  key: z.string().nullable(),
  payload: z.unknown(),
  run_at: z.coerce.date(),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  locked_by: z.string(),
  locked_until: z.coerce.date(),
});
export type TClaimedJob = z.infer<typeof ZClaimedJob>;

export const CLAIMED_JOB_COLUMNS =
  "id, kind, key, payload, run_at, attempts, max_attempts, locked_by, locked_until";

export const DEFAULT_LEASE_SECONDS = 60;
export const MAX_RETRY_DELAY_SECONDS = 300;
