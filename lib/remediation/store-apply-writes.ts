import { hashContent } from "../changes/hash-content";
import type { Prisma } from "../db";
import type { TApplyWrites, TFileSet, TFileWrite } from "./schemas";

/**
 * Keeps each write's content and the content it replaces in file_contents (once, by hash), so
 * the apply record names them by hash, a GitOps retry pushes the same bytes, and an undo can
 * put the old ones back. The apply row itself holds no file text, secret or not.
 */
export async function storeApplyWrites(
  tx: Prisma.TransactionClient,
  current: TFileSet,
  writes: TFileWrite[],
): Promise<TApplyWrites> {
  const contents = writes.flatMap((write) => [current[write.path] ?? null, write.content]);
  const unique = new Map(
    contents
      .filter((text): text is string => text !== null)
      .map((text) => [hashContent(text), text]),
  );
  await tx.fileContent.createMany({
    data: [...unique].map(([sha256, content]) => ({
      sha256,
      content,
      sizeBytes: Buffer.byteLength(content),
    })),
    skipDuplicates: true,
  });
  const hashOf = (text: string | null | undefined) =>
    text === null || text === undefined ? null : hashContent(text);
  return writes.map((write) => ({
    path: write.path,
    before: hashOf(current[write.path]),
    after: hashOf(write.content),
  }));
}
