import type { Database } from "../db";
import { enqueueJob } from "./enqueue-job";
import { RECURRING_JOB_KEY, RECURRING_JOBS } from "./job-handlers";

/** Makes sure each recurring job has its one row, queued; every worker calls this when it starts. */
export async function ensureRecurringJobs(db: Pick<Database, "prisma">, now: Date): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    for (const { kind } of RECURRING_JOBS)
      await enqueueJob(tx, { kind, key: RECURRING_JOB_KEY, runAt: now });
    // Re-arming keeps them queued; this only revives a row someone marked done or failed by hand.
    await tx.job.updateMany({
      where: { key: RECURRING_JOB_KEY, status: { not: "queued" } },
      data: { status: "queued", runAt: now, attempts: 0, lockedUntil: null, lockedBy: null },
    });
  });
}
