import { getDb } from "../db";
import { AppError } from "../errors";
import { claimJob } from "./claim-due-jobs";
import { getWorkerId } from "./get-worker-id";
import { runClaimedJob, type TJobOutcome } from "./run-claimed-job";

/** Runs one queued job at once, due or not (tests, CLI); the outcome is recorded as usual. */
export async function runJobNow(
  jobId: number,
  options: { now?: Date; workerId?: string } = {},
): Promise<TJobOutcome> {
  const db = await getDb();
  const now = options.now ?? new Date();
  const job = await claimJob(db, { jobId, now, workerId: options.workerId ?? getWorkerId() });
  if (!job)
    throw new AppError("CONFLICT", `Job ${jobId} is not queued, or another worker holds it`);
  return runClaimedJob(db, job, now);
}
