import type { Prisma } from "../db";
import { getEnv } from "../env";
import { enqueueJob } from "../jobs/enqueue-job";

/** Arms the verification window: after it, `remediation.verify` says whether the fix held. */
export async function scheduleVerification(
  tx: Prisma.TransactionClient,
  applyId: number,
  appliedAt: Date,
): Promise<Date> {
  const verifyAt = new Date(appliedAt.getTime() + getEnv().FAULTLINE_VERIFY_MINUTES * 60_000);
  await tx.remediationApply.update({ where: { id: applyId }, data: { verifyAt } });
  await enqueueJob(tx, {
    kind: "remediation.verify",
    key: `apply:${applyId}`,
    runAt: verifyAt,
    payload: { applyId },
  });
  return verifyAt;
}
