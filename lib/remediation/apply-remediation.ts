import { writeAudit } from "../audit/write-audit";
import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma, type Prisma } from "../db";
import { getEnv } from "../env";
import { AppError, isAppError } from "../errors";
import { enqueueJob } from "../jobs/enqueue-job";
import { runJobNow } from "../jobs/run-job-now";
import { describeApply } from "./describe-apply";
import { getExecutor } from "./executors/get-executor";
import type { TExecutor } from "./executors/schemas";
import { loadApplyOutcome, type TApplyOutcome } from "./load-apply-outcome";
import { PUSH_MAX_ATTEMPTS } from "./push-remediation";
import { refreshRemediation } from "./refresh-remediation";
import { scheduleVerification } from "./schedule-verification";
import { storeApplyWrites } from "./store-apply-writes";
import { toExecutorRequest } from "./to-executor-request";
import { REMEDIATION_ROW_SELECT } from "./to-remediation-view";

type TStarted =
  | { kind: "done"; applyId: number; isRepeat: boolean }
  | { kind: "queued"; applyId: number; jobId: number | null }
  | { kind: "stale"; outcome: TApplyOutcome["remediation"] };

/**
 * Applies exactly the reviewed diff: `diffHash` must match the plan recomputed now, else 409 with
 * the new preview and nothing applied. Once per hash; the apply record, its audit row and its
 * timeline entry commit together. A GitOps push runs as a durable job, retried if git is down.
 */
export async function applyRemediation(
  context: TAuthContext,
  remediationId: number,
  diffHash: string,
  options: { now?: Date; executor?: TExecutor } = {},
): Promise<TApplyOutcome> {
  requireRole(context, "responder", "apply a remediation");
  const now = options.now ?? new Date();
  const executor = options.executor ?? getExecutor(getEnv());
  const prisma = await getPrisma();
  const started = await prisma.$transaction((tx) =>
    startApply(tx, context, { remediationId, diffHash, executor, now }),
  );
  if (started.kind === "stale")
    throw new AppError(
      "CONFLICT",
      "The target moved since this preview (someone deployed or applied a change): review the new diff, then apply its hash. Nothing was applied.",
      { extra: { remediation: started.outcome } },
    );
  if (started.kind === "queued" && started.jobId !== null) {
    // A worker that claimed it first runs it just the same; then the answer may be 202 pending.
    await runJobNow(started.jobId).catch((error: unknown) => {
      if (!isAppError(error) || error.code !== "CONFLICT") throw error;
    });
  }
  const outcome = await loadApplyOutcome(
    started.applyId,
    started.kind === "done" && started.isRepeat,
  );
  if (outcome.apply.status === "failed" && outcome.apply.result?.code === "CONFLICT")
    throw new AppError("CONFLICT", outcome.apply.message ?? "The push was rejected.", {
      extra: { remediation: outcome.remediation, apply: outcome.apply },
    });
  return outcome;
}

async function startApply(
  tx: Prisma.TransactionClient,
  context: TAuthContext,
  input: { remediationId: number; diffHash: string; executor: TExecutor; now: Date },
): Promise<TStarted> {
  // One apply of a remediation at a time: the second waits, then finds the first's record.
  const locked = await tx.$queryRawUnsafe<{ id: number }[]>(
    "SELECT id FROM remediations WHERE id = $1 FOR UPDATE",
    input.remediationId,
  );
  if (locked.length === 0)
    throw new AppError("NOT_FOUND", `Remediation ${input.remediationId} does not exist.`);
  const row = await tx.remediation.findUniqueOrThrow({
    where: { id: input.remediationId },
    select: { ...REMEDIATION_ROW_SELECT, incident: { select: { id: true } } },
  });
  const previous = row.applies.find((apply) => apply.diffHash === input.diffHash);
  if (previous && previous.status !== "failed")
    return { kind: "done", applyId: previous.id, isRepeat: true };
  const { view, preview } = await refreshRemediation(tx, row);
  if (!preview) throw new AppError("VALIDATION", view.warnings[0]?.message ?? "Cannot be applied.");
  if (preview.diffHash !== input.diffHash) return { kind: "stale", outcome: view };
  if (preview.plan.writes.length === 0)
    throw new AppError(
      "VALIDATION",
      "This remediation changes nothing; there is nothing to apply.",
    );
  const writes = await storeApplyWrites(tx, preview.current, preview.plan.writes);
  const isDryRun = input.executor.name === "dry-run";
  const result = isDryRun
    ? await input.executor.apply(
        toExecutorRequest(row, {
          summary: preview.stored.summary,
          diffHash: input.diffHash,
          writes: preview.plan.writes,
        }),
      )
    : null;
  const status = isDryRun ? "dry-run" : "pending";
  const data = {
    diffHash: input.diffHash,
    executor: input.executor.name,
    status,
    writes,
    result: result ?? undefined,
    actor: context.actor.label,
    requestedAt: input.now,
    appliedAt: isDryRun ? input.now : null,
    verdict: null,
  };
  const apply = previous
    ? await tx.remediationApply.update({ where: { id: previous.id }, data, select: { id: true } })
    : await tx.remediationApply.create({
        data: { ...data, remediationId: row.id },
        select: { id: true },
      });
  const message = result?.message ?? `Pushing to git with the ${input.executor.name} executor.`;
  if (row.incidentId !== null)
    await tx.timelineEvent.create({
      data: {
        incidentId: row.incidentId,
        at: input.now,
        kind: isDryRun ? "remediation.applied" : "remediation.requested",
        actor: context.actor.label,
        text: describeApply({
          summary: preview.stored.summary,
          actor: context.actor.label,
          status,
          message,
          diffHash: input.diffHash,
        }),
        data: {
          remediationId: row.id,
          applyId: apply.id,
          diffHash: input.diffHash,
          status,
          result,
        },
      },
    });
  await writeAudit(tx, context, {
    action: "remediation.apply",
    objectType: "remediation",
    objectId: row.id,
    after: {
      applyId: apply.id,
      diffHash: input.diffHash,
      executor: input.executor.name,
      status,
      files: writes.map((write) => ({
        path: write.path,
        before: write.before,
        after: write.after,
      })),
    },
  });
  if (isDryRun) {
    await scheduleVerification(tx, apply.id, input.now);
    return { kind: "done", applyId: apply.id, isRepeat: false };
  }
  const jobId = await enqueueJob(tx, {
    kind: "remediation.push",
    key: `apply:${apply.id}:${previous ? input.now.getTime() : 0}`,
    runAt: input.now,
    payload: { applyId: apply.id },
    maxAttempts: PUSH_MAX_ATTEMPTS,
  });
  return { kind: "queued", applyId: apply.id, jobId };
}
