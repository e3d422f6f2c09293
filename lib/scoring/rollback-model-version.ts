import { writeAudit } from "../audit/write-audit";
import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { TPromotion } from "./promote-model-version";
import { listPromotionHistory, lockPromotions, setPromotedVersion } from "./set-promoted-version";
import { toModelVersion } from "./to-model-version";

/**
 * Re-promotes the version promoted before the current one (lead); rolling back again goes one
 * further back. Audited as model.rollback in the same transaction.
 */
export async function rollbackModelVersion(
  context: TAuthContext,
  now = new Date(),
): Promise<TPromotion> {
  requireRole(context, "lead", "roll back the model");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    await lockPromotions(tx);
    const current = await tx.modelVersion.findFirst({
      where: { isPromoted: true },
      select: { id: true },
    });
    if (!current) {
      throw new AppError(
        "CONFLICT",
        "No model version is promoted, so there is nothing to roll back.",
      );
    }
    const history = await listPromotionHistory(tx);
    const previousId = history.at(-1) === current.id ? history.at(-2) : history.at(-1);
    if (previousId === undefined || previousId === current.id) {
      throw new AppError(
        "CONFLICT",
        `Model version ${current.id} is the first one promoted: there is no earlier version to roll back to.`,
      );
    }
    await setPromotedVersion(tx, context, previousId, now);
    await writeAudit(tx, context, {
      action: "model.rollback",
      objectType: "model_version",
      objectId: previousId,
      before: { promoted: current.id },
      after: { promoted: previousId },
    });
    const version = await tx.modelVersion.findUniqueOrThrow({ where: { id: previousId } });
    return { version: toModelVersion(version), previousId: current.id, isChanged: true };
  });
}
