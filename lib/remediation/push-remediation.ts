import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { getSystemContext } from "../auth/get-cli-context";
import { getPrisma, type Prisma } from "../db";
import { getEnv } from "../env";
import { isAppError } from "../errors";
import { describeApply } from "./describe-apply";
import { getExecutor } from "./executors/get-executor";
import type { TExecutor, TExecutorResult } from "./executors/schemas";
import type { TStoredPreview } from "./preview-remediation";
import { scheduleVerification } from "./schedule-verification";
import { ZApplyWrites } from "./schemas";
import { toExecutorRequest } from "./to-executor-request";

export const PUSH_MAX_ATTEMPTS = 5;

export const ZPushPayload = z.object({ applyId: z.number().int() });

/**
 * The `remediation.push` job: pushes exactly the bytes the apply recorded. Rejected because the
 * remote moved: failed, nothing applied. Git unreachable: thrown, so the job retries later;
 * after the last attempt the apply is failed. Runs at least once, so it checks the status first.
 */
export async function pushRemediation(
  payload: unknown,
  context: { now: Date; attempt: number },
  executor: TExecutor = getExecutor(getEnv()),
): Promise<void> {
  const { applyId } = ZPushPayload.parse(payload);
  const prisma = await getPrisma();
  const apply = await prisma.remediationApply.findUnique({
    where: { id: applyId },
    include: { remediation: { include: { service: { select: { slug: true } } } } },
  });
  if (apply?.status !== "pending") return;
  const writes = ZApplyWrites.parse(apply.writes);
  const contents = await prisma.fileContent.findMany({
    where: { sha256: { in: writes.flatMap((write) => (write.after ? [write.after] : [])) } },
  });
  const byHash = new Map(contents.map((row) => [row.sha256, row.content]));
  const summary = (apply.remediation.preview as TStoredPreview).summary;
  const request = toExecutorRequest(apply.remediation, {
    summary,
    diffHash: apply.diffHash,
    writes: writes.map((write) => ({
      path: write.path,
      content: write.after === null ? null : (byHash.get(write.after) ?? null),
    })),
  });
  let result: TExecutorResult;
  try {
    result = await executor.apply(request);
  } catch (error) {
    const isFinal = isAppError(error) && error.code === "CONFLICT";
    if (!isFinal && context.attempt < PUSH_MAX_ATTEMPTS) throw error;
    const message = isAppError(error) ? error.message : "The push failed.";
    const code = isAppError(error) ? error.code : "INTERNAL";
    await prisma.$transaction((tx) =>
      recordOutcome(
        tx,
        apply,
        { status: "failed", message, result: { code, message } },
        context.now,
      ),
    );
    return;
  }
  await prisma.$transaction((tx) =>
    recordOutcome(tx, apply, { status: "applied", message: result.message, result }, context.now),
  );
}

type TPendingApply = {
  id: number;
  diffHash: string;
  actor: string;
  remediation: { id: number; incidentId: number | null; preview: unknown };
};

async function recordOutcome(
  tx: Prisma.TransactionClient,
  apply: TPendingApply,
  outcome: { status: "applied" | "failed"; message: string; result: object },
  now: Date,
): Promise<void> {
  // Another worker may have finished it between our read and here.
  const claimed = await tx.remediationApply.updateMany({
    where: { id: apply.id, status: "pending" },
    data: {
      status: outcome.status,
      result: outcome.result,
      appliedAt: outcome.status === "applied" ? now : null,
    },
  });
  if (claimed.count === 0) return;
  const { summary } = apply.remediation.preview as TStoredPreview;
  const incidentId = apply.remediation.incidentId;
  if (incidentId !== null)
    await tx.timelineEvent.create({
      data: {
        incidentId,
        at: now,
        kind: outcome.status === "applied" ? "remediation.applied" : "remediation.failed",
        actor: "faultline",
        text: describeApply({ summary, actor: apply.actor, ...outcome, diffHash: apply.diffHash }),
        data: {
          remediationId: apply.remediation.id,
          applyId: apply.id,
          diffHash: apply.diffHash,
          status: outcome.status,
          result: outcome.result,
        },
      },
    });
  await writeAudit(tx, getSystemContext(), {
    action: outcome.status === "applied" ? "remediation.applied" : "remediation.failed",
    objectType: "remediation",
    objectId: apply.remediation.id,
    after: { applyId: apply.id, diffHash: apply.diffHash, result: outcome.result },
  });
  if (outcome.status === "applied") await scheduleVerification(tx, apply.id, now);
}
