import { getPrisma } from "../db";
import { ZFeatures } from "./parse-stored-model";
import type { TFeatureRow } from "./schemas";

/** The stored history as training rows, oldest first: since ≤ occurred_at < until. */
export async function loadTrainingRows(
  window: { since?: Date; until?: Date } = {},
): Promise<TFeatureRow[]> {
  const prisma = await getPrisma();
  const rows = await prisma.trainingRow.findMany({
    where:
      window.since || window.until
        ? {
            occurredAt: {
              ...(window.since ? { gte: window.since } : {}),
              ...(window.until ? { lt: window.until } : {}),
            },
          }
        : {},
    orderBy: [{ occurredAt: "asc" }, { groupKey: "asc" }, { id: "asc" }],
    select: { groupKey: true, occurredAt: true, label: true, features: true },
  });
  return rows.map((row) => ({
    group: row.groupKey,
    time: row.occurredAt.getTime(),
    label: row.label === 1 ? 1 : 0,
    features: ZFeatures.parse(row.features),
  }));
}
