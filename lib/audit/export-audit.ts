import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma } from "../db";
import { toWhere } from "./list-audit";
import type { TAuditQuery } from "./schemas";

const PAGE = 1_000;

/**
 * Every entry matching the filter, oldest first, one JSON object per line, in pages so a long
 * log never sits in memory whole. `onProgress` hears the running count.
 */
export async function exportAudit(
  context: TAuthContext,
  query: Omit<TAuditQuery, "limit" | "before">,
  writeLine: (line: string) => void | Promise<void>,
  onProgress: (written: number) => void = () => {},
): Promise<number> {
  requireRole(context, "admin", "export the audit log");
  const prisma = await getPrisma();
  let afterId = 0;
  let written = 0;
  for (;;) {
    const page = await prisma.auditEntry.findMany({
      where: { AND: [toWhere(query), { id: { gt: afterId } }] },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    for (const entry of page) await writeLine(JSON.stringify(entry));
    written += page.length;
    onProgress(written);
    const last = page.at(-1);
    if (!last || page.length < PAGE) return written;
    afterId = last.id;
  }
}
