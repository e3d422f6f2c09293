import { getPrisma } from "../db";
import type { TModelVersion } from "./schemas";
import { toModelVersion } from "./to-model-version";

/** Every version, newest first. */
export async function listModelVersions(): Promise<TModelVersion[]> {
  const prisma = await getPrisma();
  const rows = await prisma.modelVersion.findMany({ orderBy: { id: "desc" } });
  return rows.map(toModelVersion);
}
