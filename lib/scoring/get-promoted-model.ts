import { getPrisma } from "../db";
import type { TModelVersion } from "./schemas";
import { toModelVersion } from "./to-model-version";

/** The promoted version, or null: scoring then leaves hypotheses unscored, never untrained. */
export async function getPromotedModel(): Promise<TModelVersion | null> {
  const prisma = await getPrisma();
  const row = await prisma.modelVersion.findFirst({ where: { isPromoted: true } });
  return row ? toModelVersion(row) : null;
}
