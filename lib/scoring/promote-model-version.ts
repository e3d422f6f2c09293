import { writeAudit } from "../audit/write-audit";
import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { TModelVersion } from "./schemas";
import { lockPromotions, setPromotedVersion } from "./set-promoted-version";
import { toModelVersion } from "./to-model-version";

export type TPromotion = {
  version: TModelVersion;
  /** The version promoted before, if any. */
  previousId: number | null;
  /** False when `id` was promoted already: nothing changed and nothing was audited. */
  isChanged: boolean;
};

/** Makes `id` the version scoring uses (lead), with its audit row in the same transaction. */
export async function promoteModelVersion(
  context: TAuthContext,
  id: number,
  now = new Date(),
): Promise<TPromotion> {
  requireRole(context, "lead", "promote a model version");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    await lockPromotions(tx);
    const target = await tx.modelVersion.findUnique({ where: { id }, select: { id: true } });
    if (!target) throw new AppError("NOT_FOUND", `Model version ${id} does not exist.`);
    const current = await tx.modelVersion.findFirst({
      where: { isPromoted: true },
      select: { id: true },
    });
    if (current?.id === id) {
      const version = await tx.modelVersion.findUniqueOrThrow({ where: { id } });
      return { version: toModelVersion(version), previousId: null, isChanged: false };
    }
    await setPromotedVersion(tx, context, id, now);
    await writeAudit(tx, context, {
      action: "model.promote",
      objectType: "model_version",
      objectId: id,
      before: { promoted: current?.id ?? null },
      after: { promoted: id },
    });
    const version = await tx.modelVersion.findUniqueOrThrow({ where: { id } });
    return { version: toModelVersion(version), previousId: current?.id ?? null, isChanged: true };
  });
}
