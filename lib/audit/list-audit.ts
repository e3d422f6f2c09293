import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { TAuditQuery, TAuditRow } from "./schemas";

/** Audit entries, newest first, filtered by actor (substring), action, object and time (admin). */
export async function listAudit(context: TAuthContext, query: TAuditQuery): Promise<TAuditRow[]> {
  requireRole(context, "admin", "read the audit log");
  const prisma = await getPrisma();
  return prisma.auditEntry.findMany({
    where: toWhere(query),
    orderBy: { id: "desc" },
    take: query.limit,
  });
}

export function toWhere(query: Omit<TAuditQuery, "limit">): Prisma.AuditEntryWhereInput {
  return {
    ...(query.actor ? { actor: { contains: query.actor, mode: "insensitive" as const } } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.objectType ? { objectType: query.objectType } : {}),
    ...(query.objectId ? { objectId: query.objectId } : {}),
    ...(query.since || query.until
      ? {
          at: {
            ...(query.since ? { gte: query.since } : {}),
            ...(query.until ? { lt: query.until } : {}),
          },
        }
      : {}),
    ...(query.before ? { id: { lt: query.before } } : {}),
  };
}
