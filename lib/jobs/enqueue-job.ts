import type { Prisma } from "../generated/prisma/client";
import type { TJobKind } from "./job-handlers";

export type TEnqueueJobInput = {
  kind: TJobKind;
  /** Dedupe key: while a job of this kind and key exists, enqueueing it again is a no-op. */
  key?: string | null;
  runAt: Date;
  payload?: Prisma.InputJsonValue;
  maxAttempts?: number;
};

/**
 * Queues a job inside the caller's transaction, so the mutation and its job commit together.
 * Returns the job id, or null when a job of this kind and key already existed.
 */
export async function enqueueJob(
  tx: Prisma.TransactionClient,
  input: TEnqueueJobInput,
): Promise<number | null> {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO jobs (kind, key, payload, run_at, max_attempts)
     VALUES ($1, $2, $3::jsonb, $4::timestamptz, $5)
     ON CONFLICT (kind, key) DO NOTHING
     RETURNING id`,
    input.kind,
    input.key ?? null,
    JSON.stringify(input.payload ?? {}),
    input.runAt.toISOString(),
    input.maxAttempts ?? 5,
  );
  return rows[0]?.id ?? null;
}
