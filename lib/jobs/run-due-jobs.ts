import { getDb } from "../db";
import { claimDueJobs } from "./claim-due-jobs";
import { getWorkerId } from "./get-worker-id";
import { runClaimedJob, type TJobOutcome } from "./run-claimed-job";

// Small batches: a claimed job's lease runs while the ones before it in the batch are running.
const JOB_BATCH_SIZE = 5;

/** Claims the jobs due at `now` and runs them one by one until none is left; returns what happened. */
export async function runDueJobs(
  options: { now?: Date; workerId?: string } = {},
): Promise<TJobOutcome[]> {
  const db = await getDb();
  const workerId = options.workerId ?? getWorkerId();
  const outcomes: TJobOutcome[] = [];
  for (;;) {
    const now = options.now ?? new Date();
    const jobs = await claimDueJobs(db, { now, limit: JOB_BATCH_SIZE, workerId });
    for (const job of jobs) outcomes.push(await runClaimedJob(db, job, now));
    if (jobs.length < JOB_BATCH_SIZE) return outcomes;
  }
}
