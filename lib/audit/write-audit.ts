import type { TAuthContext } from "../auth/schemas";
import type { Prisma } from "../generated/prisma/client";

export type TAuditEntry = {
  /** "incident.status", "catalog.import", "integration.create", "user.update", … */
  action: string;
  objectType: string;
  objectId: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** One audit row, inside the caller's transaction: the change and its record commit together. */
export async function writeAudit(
  tx: Prisma.TransactionClient,
  context: TAuthContext,
  entry: TAuditEntry,
): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actor: context.actor.label,
      actorUserId: context.actor.userId,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId === null ? null : String(entry.objectId),
      ip: context.ip,
      userAgent: context.userAgent,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null
    ? undefined
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}
