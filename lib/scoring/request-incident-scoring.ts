import type { Prisma } from "../db";
import { enqueueJob } from "../jobs/enqueue-job";

// A storm's alerts arrive over seconds: one scoring run a moment after the last of a burst.
const COALESCE_SECONDS = 2;

/** Queues (or re-arms) the scoring of these incidents, inside the caller's transaction. */
export async function requestIncidentScoring(
  tx: Prisma.TransactionClient,
  incidentIds: number[],
  now: Date,
): Promise<void> {
  for (const incidentId of new Set(incidentIds)) {
    await enqueueJob(tx, {
      kind: "scoring.score-incident",
      key: `incident:${incidentId}`,
      runAt: new Date(now.getTime() + COALESCE_SECONDS * 1000),
      payload: { incidentId },
      onConflict: "rearm",
    });
  }
}
