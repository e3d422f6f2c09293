import type { Prisma } from "../db";
import { isAppError } from "../errors";
import { previewRemediation, type TPreview, type TStoredPreview } from "./preview-remediation";
import { type TRemediationView, ZRemediationParams } from "./schemas";
import { type TRemediationRow, toRemediationView } from "./to-remediation-view";

export type TRefreshRow = TRemediationRow & {
  serviceId: number;
  params: unknown;
  preview?: unknown;
};

/**
 * Recomputes a stored remediation against the versions as they are now and keeps the row's
 * preview and hash in step, so the page always shows the hash an apply will be checked against.
 */
export async function refreshRemediation(
  tx: Prisma.TransactionClient,
  row: TRefreshRow,
): Promise<{ view: TRemediationView; preview: TPreview | null }> {
  const params = ZRemediationParams.parse(row.params);
  let preview: TPreview;
  try {
    preview = await previewRemediation(tx, {
      serviceId: row.serviceId,
      service: row.service.slug,
      params,
      undoesRemediationId: row.undoesRemediationId,
    });
  } catch (error) {
    // A by-hand remediation can stop making sense (its flag was removed): say so, keep the row.
    if (!isAppError(error)) throw error;
    const stored = await tx.remediation.findUniqueOrThrow({
      where: { id: row.id },
      select: { preview: true },
    });
    const old = stored.preview as TStoredPreview;
    const warning = {
      code: "no_change" as const,
      message: `Cannot be recomputed: ${error.message}`,
    };
    return { view: toRemediationView(row, { ...old, warnings: [warning] }), preview: null };
  }
  if (preview.diffHash !== row.diffHash) {
    await tx.remediation.update({
      where: { id: row.id },
      data: {
        diffHash: preview.diffHash,
        preview: preview.stored,
        fromChangeEventId: preview.fromChangeId,
      },
    });
  }
  return {
    view: toRemediationView({ ...row, diffHash: preview.diffHash }, preview.stored),
    preview,
  };
}
