import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { TChangeSummary } from "./schemas";

/** A service's change events, newest first, with the files each carried (not their contents). */
export async function listServiceChanges(slug: string, limit: number): Promise<TChangeSummary[]> {
  const prisma = await getPrisma();
  const service = await prisma.service.findUnique({ where: { slug }, select: { id: true } });
  if (!service) throw new AppError("NOT_FOUND", `No service "${slug}"`);
  const changes = await prisma.changeEvent.findMany({
    where: { serviceId: service.id },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    include: {
      files: { orderBy: { path: "asc" }, include: { content: { select: { sizeBytes: true } } } },
    },
  });
  return changes.map((change) => ({
    id: change.id,
    service: slug,
    kind: change.kind,
    version: change.version,
    summary: change.summary,
    author: change.author,
    description: change.description,
    source: change.source,
    at: change.at.toISOString(),
    files: change.files.map((file) => ({
      path: file.path,
      sha256: file.contentSha256,
      sizeBytes: file.content.sizeBytes,
    })),
  }));
}
