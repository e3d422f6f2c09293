import type { TAuthContext } from "../auth/schemas";
import type { Prisma } from "../generated/prisma/client";
import { requestIncidentScoring } from "./request-incident-scoring";

/** One promotion or rollback at a time, on PGlite and PostgreSQL alike. */
export async function lockPromotions(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('faultline.model.promote'))`;
}

/** Demotes whichever version is promoted, then promotes `id`: the partial unique index holds. */
export async function setPromotedVersion(
  tx: Prisma.TransactionClient,
  context: TAuthContext,
  id: number,
  now: Date,
): Promise<void> {
  await tx.modelVersion.updateMany({
    where: { isPromoted: true, id: { not: id } },
    data: { isPromoted: false },
  });
  await tx.modelVersion.update({
    where: { id },
    data: { isPromoted: true, promotedAt: now, promotedBy: context.actor.label },
  });
  // Open incidents show the new version's numbers, not the old one's.
  const open = await tx.incident.findMany({
    where: { status: { not: "resolved" } },
    select: { id: true },
  });
  await requestIncidentScoring(
    tx,
    open.map((incident) => incident.id),
    now,
  );
}

/**
 * The versions promoted so far, oldest first, the current one last, replayed from the
 * append-only audit log: a promotion pushes, a rollback pops.
 */
export async function listPromotionHistory(tx: Prisma.TransactionClient): Promise<number[]> {
  const entries = await tx.auditEntry.findMany({
    where: { objectType: "model_version", action: { in: ["model.promote", "model.rollback"] } },
    orderBy: { id: "asc" },
    select: { action: true, objectId: true },
  });
  const history: number[] = [];
  for (const entry of entries) {
    const id = Number(entry.objectId);
    if (entry.action === "model.rollback") history.pop();
    if (history.at(-1) !== id) history.push(id);
  }
  return history;
}
