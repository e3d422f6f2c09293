import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { getSystemContext } from "../auth/get-cli-context";
import { getPrisma, type Prisma } from "../db";
import { getEnv } from "../env";
import { previewRemediation, type TStoredPreview } from "./preview-remediation";
import type { TRemediationParams } from "./schemas";

export const ZVerifyPayload = z.object({ applyId: z.number().int() });

/**
 * The `remediation.verify` job, at the end of the verification window: says on the timeline
 * whether the incident's alerts resolved. If not, and the apply changed something, it offers
 * the remediation's own undo, with its own diff and hash. Idempotent: the verdict is set once.
 */
export async function verifyRemediation(payload: unknown, context: { now: Date }): Promise<void> {
  const { applyId } = ZVerifyPayload.parse(payload);
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const apply = await tx.remediationApply.findUnique({
      where: { id: applyId },
      include: { remediation: { include: { service: { select: { slug: true } } } } },
    });
    if (!apply || apply.verdict !== null) return;
    if (apply.status !== "applied" && apply.status !== "dry-run") return;
    const { remediation } = apply;
    const incidentId = remediation.incidentId;
    const total = incidentId ? await tx.alert.count({ where: { incidentId } }) : 0;
    const firing = incidentId
      ? await tx.alert.count({ where: { incidentId, status: "firing" } })
      : 0;
    const verdict = firing === 0 ? "held" : "did_not_hold";
    const claimed = await tx.remediationApply.updateMany({
      where: { id: applyId, verdict: null },
      data: { verdict },
    });
    if (claimed.count === 0 || incidentId === null) return;
    const undoId =
      verdict === "did_not_hold" && apply.status === "applied"
        ? await offerUndo(tx, { ...remediation, service: remediation.service.slug }, applyId)
        : null;
    const { summary } = remediation.preview as TStoredPreview;
    const minutes = getEnv().FAULTLINE_VERIFY_MINUTES;
    const text =
      verdict === "held"
        ? `Fix held: all ${total} alerts resolved within ${minutes} min of "${summary}".`
        : `Fix did not hold: ${firing} of ${total} alerts still firing ${minutes} min after "${summary}". ${
            undoId === null
              ? "It was a dry run, so there is nothing to undo."
              : `Its undo is offered as remediation #${undoId}, with its own diff.`
          }`;
    await tx.timelineEvent.create({
      data: {
        incidentId,
        at: context.now,
        kind: verdict === "held" ? "remediation.held" : "remediation.did_not_hold",
        actor: "faultline",
        text,
        data: { remediationId: remediation.id, applyId, verdict, firing, total, undoId },
      },
    });
    await writeAudit(tx, getSystemContext(), {
      action: "remediation.verify",
      objectType: "remediation",
      objectId: remediation.id,
      after: { applyId, verdict, firing, total, undoId },
    });
  });
}

async function offerUndo(
  tx: Prisma.TransactionClient,
  remediation: { id: number; incidentId: number | null; serviceId: number; service: string },
  applyId: number,
): Promise<number> {
  const params: TRemediationParams = { kind: "undo", applyId };
  const preview = await previewRemediation(tx, {
    serviceId: remediation.serviceId,
    service: remediation.service,
    params,
    undoesRemediationId: remediation.id,
  });
  const undo = await tx.remediation.create({
    data: {
      incidentId: remediation.incidentId,
      serviceId: remediation.serviceId,
      kind: "revert",
      origin: "undo",
      suggestionKey: `undo:apply:${applyId}`,
      undoesRemediationId: remediation.id,
      params,
      preview: preview.stored,
      diffHash: preview.diffHash,
      createdBy: "faultline",
    },
    select: { id: true },
  });
  return undo.id;
}
