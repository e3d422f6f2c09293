import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { TModelVersion } from "./schemas";
import { toModelVersion } from "./to-model-version";

/** One version by id, or "latest": the newest trained one. NOT_FOUND when there is none. */
export async function getModelVersion(idOrLatest: number | "latest"): Promise<TModelVersion> {
  const prisma = await getPrisma();
  const row =
    idOrLatest === "latest"
      ? await prisma.modelVersion.findFirst({ orderBy: { id: "desc" } })
      : await prisma.modelVersion.findUnique({ where: { id: idOrLatest } });
  if (!row) {
    throw new AppError(
      "NOT_FOUND",
      idOrLatest === "latest"
        ? "No model has been trained yet: run faultline model train."
        : `Model version ${idOrLatest} does not exist.`,
    );
  }
  return toModelVersion(row);
}
