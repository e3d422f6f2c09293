import type { Prisma } from "../generated/prisma/client";

// Correlation reads open incidents and writes new ones; status changes close them. Both take
// this transaction-level lock, so across all processes one runs at a time.
const CORRELATION_LOCK_KEY = 7_411_902_555_010_002n;

export async function lockCorrelation(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
): Promise<void> {
  await tx.$queryRawUnsafe(
    "SELECT 1 FROM pg_advisory_xact_lock($1)",
    CORRELATION_LOCK_KEY.toString(),
  );
}
