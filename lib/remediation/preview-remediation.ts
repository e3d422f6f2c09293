import type { Prisma } from "../db";
import { describeRemediation } from "./describe-remediation";
import { loadPlanInput } from "./load-plan-input";
import { planRemediation, type TPlannedRemediation } from "./plan-remediation";
import type { TFileDiff, TFileSet, TRemediationParams, TWarning } from "./schemas";

/** What a remediation row keeps of its last preview: redacted, never the files' new contents. */
export type TStoredPreview = {
  summary: string;
  fromVersion: string | null;
  toVersion: string | null;
  warnings: TWarning[];
  files: TFileDiff[];
};

export type TPreview = TPlannedRemediation & {
  stored: TStoredPreview;
  /** The files the plan was computed against: what an apply replaces. */
  current: TFileSet;
  fromChangeId: number | null;
  toChangeId: number | null;
};

/** Recomputes a remediation's plan against the stored versions as they are now. */
export async function previewRemediation(
  tx: Prisma.TransactionClient,
  remediation: {
    serviceId: number;
    service: string;
    params: TRemediationParams;
    undoesRemediationId: number | null;
  },
): Promise<TPreview> {
  const { input, fromChange, toChange } = await loadPlanInput(
    tx,
    remediation.serviceId,
    remediation.params,
  );
  const planned = planRemediation(input);
  const fromVersion = fromChange?.version ?? null;
  const toVersion = toChange?.version ?? null;
  return {
    ...planned,
    current: input.current,
    fromChangeId: fromChange?.id ?? null,
    toChangeId: toChange?.id ?? null,
    stored: {
      summary: describeRemediation(remediation.params, {
        service: remediation.service,
        fromVersion,
        toVersion,
        undoesRemediationId: remediation.undoesRemediationId,
      }),
      fromVersion,
      toVersion,
      warnings: planned.plan.warnings,
      files: planned.plan.diffs,
    },
  };
}
