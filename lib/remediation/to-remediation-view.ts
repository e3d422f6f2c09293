import type { TStoredPreview } from "./preview-remediation";
import type { TApplyView, TRemediationKind, TRemediationView } from "./schemas";

export type TRemediationRow = {
  id: number;
  incidentId: number | null;
  kind: string;
  origin: string;
  diffHash: string;
  undoesRemediationId: number | null;
  service: { slug: string };
  applies: {
    id: number;
    diffHash: string;
    executor: string;
    status: string;
    result: unknown;
    actor: string;
    requestedAt: Date;
    appliedAt: Date | null;
    verifyAt: Date | null;
    verdict: string | null;
  }[];
};

/** A stored remediation and its last preview as the API and the page show it. */
export function toRemediationView(row: TRemediationRow, preview: TStoredPreview): TRemediationView {
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind as TRemediationKind,
    origin: row.origin as TRemediationView["origin"],
    service: row.service.slug,
    summary: preview.summary,
    fromVersion: preview.fromVersion,
    toVersion: preview.toVersion,
    diffHash: row.diffHash,
    warnings: preview.warnings,
    files: preview.files,
    isEmpty: preview.files.length === 0,
    applies: row.applies.map(toApplyView),
    undoesRemediationId: row.undoesRemediationId,
  };
}

export function toApplyView(apply: TRemediationRow["applies"][number]): TApplyView {
  const result = apply.result as { message?: unknown } | null;
  return {
    id: apply.id,
    diffHash: apply.diffHash,
    executor: apply.executor,
    status: apply.status as TApplyView["status"],
    message: typeof result?.message === "string" ? result.message : null,
    actor: apply.actor,
    requestedAt: apply.requestedAt,
    appliedAt: apply.appliedAt,
    verifyAt: apply.verifyAt,
    verdict: apply.verdict as TApplyView["verdict"],
    result: apply.result,
  };
}

export const REMEDIATION_ROW_SELECT = {
  id: true,
  incidentId: true,
  kind: true,
  origin: true,
  diffHash: true,
  undoesRemediationId: true,
  params: true,
  serviceId: true,
  service: { select: { slug: true } },
  applies: {
    orderBy: { id: "asc" },
    select: {
      id: true,
      diffHash: true,
      executor: true,
      status: true,
      result: true,
      actor: true,
      requestedAt: true,
      appliedAt: true,
      verifyAt: true,
      verdict: true,
    },
  },
} as const;
