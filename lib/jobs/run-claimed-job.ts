import { z } from "zod";
import type { Database } from "../db";
import { getRetryDelaySeconds } from "./get-retry-delay-seconds";
import { isJobKind, JOB_HANDLERS, RECURRING_JOB_KEY, RECURRING_JOBS } from "./job-handlers";
import type { TClaimedJob } from "./schemas";

export type TJobOutcome = {
  jobId: number;
  kind: string;
  outcome: "done" | "rearmed" | "retry" | "failed";
};

// Enough to diagnose; a stack or a huge message has no place in a table row.
const MAX_ERROR_LENGTH = 2_000;

/**
 * Runs one claimed job's handler and records the outcome. Every update is fenced on the lease
 * (worker and attempt), so a worker whose lease ran out cannot overwrite the next claimer's result.
 */
export async function runClaimedJob(
  db: Pick<Database, "query">,
  job: TClaimedJob,
  now: Date,
): Promise<TJobOutcome> {
  const recurring =
    job.key === RECURRING_JOB_KEY
      ? RECURRING_JOBS.find((entry) => entry.kind === job.kind)
      : undefined;
  const fence = [job.id, job.locked_by, job.attempts];
  try {
    if (!isJobKind(job.kind)) throw new Error(`no handler for job kind ${job.kind}`);
    await JOB_HANDLERS[job.kind](job.payload, { now, jobId: job.id, attempt: job.attempts });
  } catch (error) {
    const message = describeError(error).slice(0, MAX_ERROR_LENGTH);
    // Kind, id and message only: payloads may carry data that must not reach the logs.
    console.error(`[jobs] ${job.kind} #${job.id} attempt ${job.attempts} failed: ${message}`);
    // A recurring job is never given up: it keeps the sweep alive through an outage.
    const isFinal = !recurring && job.attempts >= job.max_attempts;
    const retryAt = new Date(now.getTime() + getRetryDelaySeconds(job.attempts) * 1000);
    await db.query(
      `UPDATE jobs SET last_error = $4, locked_until = NULL, locked_by = NULL, updated_at = $5::timestamptz,
         status = CASE WHEN $6::boolean THEN 'failed' ELSE 'queued' END,
         finished_at = CASE WHEN $6::boolean THEN $5::timestamptz ELSE NULL END,
         run_at = CASE WHEN $6::boolean THEN run_at ELSE $7::timestamptz END
       WHERE id = $1 AND locked_by = $2 AND attempts = $3`,
      [...fence, message, now.toISOString(), isFinal, retryAt.toISOString()],
    );
    return { jobId: job.id, kind: job.kind, outcome: isFinal ? "failed" : "retry" };
  }
  if (recurring) {
    const nextRunAt = new Date(now.getTime() + recurring.everySeconds * 1000);
    await db.query(
      `UPDATE jobs SET status = 'queued', run_at = $4::timestamptz, attempts = 0, last_error = NULL,
         locked_until = NULL, locked_by = NULL, updated_at = $5::timestamptz, finished_at = $5::timestamptz
       WHERE id = $1 AND locked_by = $2 AND attempts = $3`,
      [...fence, nextRunAt.toISOString(), now.toISOString()],
    );
    return { jobId: job.id, kind: job.kind, outcome: "rearmed" };
  }
  await db.query(
    `UPDATE jobs SET status = 'done', locked_until = NULL, locked_by = NULL,
       updated_at = $4::timestamptz, finished_at = $4::timestamptz
     WHERE id = $1 AND locked_by = $2 AND attempts = $3`,
    [...fence, now.toISOString()],
  );
  return { jobId: job.id, kind: job.kind, outcome: "done" };
}

function describeError(error: unknown): string {
  if (error instanceof z.ZodError) return `invalid payload: ${z.prettifyError(error)}`;
  return error instanceof Error ? error.message : String(error);
}
