import type { Database } from "../db";
import {
  CLAIMED_JOB_COLUMNS,
  DEFAULT_LEASE_SECONDS,
  type TClaimedJob,
  ZClaimedJob,
} from "./schemas";

/**
 * Leases up to `limit` due jobs to `workerId` for `leaseSeconds`. SKIP LOCKED lets concurrent
 * claimers pass over each other's rows, and a lease that ran out (its worker died) is claimable.
 */
export async function claimDueJobs(
  db: Pick<Database, "query">,
  options: { now: Date; limit: number; workerId: string; leaseSeconds?: number },
): Promise<TClaimedJob[]> {
  const rows = await db.query(
    `WITH due AS (
       SELECT id FROM jobs
       WHERE status = 'queued' AND run_at <= $1::timestamptz
         AND (locked_until IS NULL OR locked_until < $1::timestamptz)
       ORDER BY run_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     )
     UPDATE jobs SET locked_until = $1::timestamptz + $4::int * interval '1 second', locked_by = $3,
       attempts = attempts + 1, updated_at = $1::timestamptz
     FROM due WHERE jobs.id = due.id
     RETURNING ${prefixColumns("jobs", CLAIMED_JOB_COLUMNS)}`,
    [
      options.now.toISOString(),
      options.limit,
      options.workerId,
      options.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    ],
    { name: "claim-due-jobs" },
  );
  return rows
    .map((row) => ZClaimedJob.parse(row))
    .sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id);
}

/** Leases one queued job to `workerId` whether or not it is due (tests, CLI). */
export async function claimJob(
  db: Pick<Database, "query">,
  options: { jobId: number; now: Date; workerId: string; leaseSeconds?: number },
): Promise<TClaimedJob | null> {
  const rows = await db.query(
    `UPDATE jobs SET locked_until = $2::timestamptz + $4::int * interval '1 second', locked_by = $3,
       attempts = attempts + 1, updated_at = $2::timestamptz
     WHERE id = $1 AND status = 'queued' AND (locked_until IS NULL OR locked_until < $2::timestamptz)
     RETURNING ${CLAIMED_JOB_COLUMNS}`,
    [
      options.jobId,
      options.now.toISOString(),
      options.workerId,
      options.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    ],
  );
  return rows[0] ? ZClaimedJob.parse(rows[0]) : null;
}

function prefixColumns(table: string, columns: string): string {
  return columns
    .split(", ")
    .map((column) => `${table}.${column}`)
    .join(", ");
}
