import type { Prisma } from "../generated/prisma/client";
import type { TJobKind } from "./job-handlers";

export type TEnqueueJobInput = {
  kind: TJobKind;
  /** Dedupe key: while a job of this kind and key exists, enqueueing it again is a no-op. */
  key?: string | null;
  runAt: Date;
  payload?: Prisma.InputJsonValue;
  maxAttempts?: number;
  /**
   * "rearm": a finished or failed job of this kind and key is queued again (work that must rerun
   * whenever its input changes, e.g. rescoring an incident); a queued one is left as it is.
   */
  onConflict?: "skip" | "rearm";
};

/**
 * Queues a job inside the caller's transaction, so the mutation and its job commit together.
 * Returns the job id, or null when a job of this kind and key already existed (and, with
 * "rearm", was still queued).
 */
export async function enqueueJob(
  tx: Prisma.TransactionClient,
  input: TEnqueueJobInput,
): Promise<number | null> {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO jobs (kind, key, payload, run_at, max_attempts)
     VALUES ($1, $2, $3::jsonb, $4::timestamptz, $5)
     ON CONFLICT (kind, key) DO ${
       input.onConflict === "rearm"
         ? `UPDATE SET status = 'queued', run_at = EXCLUDED.run_at, payload = EXCLUDED.payload,
              attempts = 0, last_error = NULL, locked_until = NULL, locked_by = NULL,
              finished_at = NULL, updated_at = now()
            WHERE jobs.status <> 'queued'`
         : "NOTHING"
     }
     RETURNING id`,
    input.kind,
    input.key ?? null,
    JSON.stringify(input.payload ?? {}),
    input.runAt.toISOString(),
    input.maxAttempts ?? 5,
  );
  return rows[0]?.id ?? null;
}
