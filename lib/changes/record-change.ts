import { writeAudit } from "../audit/write-audit";
import type { TAuthContext } from "../auth/schemas";
import { ensureUnmappedServices } from "../catalog/ensure-unmapped-services";
import { getPrisma } from "../db";
import { toServiceSlug } from "../ingest/map-labels";
import { describeUnparsableFile } from "./describe-file-format";
import { hashContent } from "./hash-content";
import type { TChangeBody } from "./schemas";

export type TRecordedChange = { id: number; service: string; files: number; notes: string[] };

/**
 * Stores one change event and its files (each content once, by hash), with its audit row. A
 * service no catalog knows is created unmapped, as alerts do.
 */
export async function recordChange(
  context: TAuthContext,
  body: TChangeBody,
  now = new Date(),
): Promise<TRecordedChange> {
  const prisma = await getPrisma();
  const slug = toServiceSlug(body.service);
  const files = body.files.map((file) => ({ ...file, sha256: hashContent(file.content) }));
  const notes = body.files.flatMap((file) => describeUnparsableFile(file.path, file.content) ?? []);
  return prisma.$transaction(async (tx) => {
    const service = (await ensureUnmappedServices(tx, [slug])).get(slug);
    if (!service) throw new Error(`service ${slug} was not stored`);
    if (files.length > 0) {
      await tx.fileContent.createMany({
        data: files.map((file) => ({
          sha256: file.sha256,
          content: file.content,
          sizeBytes: Buffer.byteLength(file.content),
        })),
        skipDuplicates: true,
      });
    }
    const change = await tx.changeEvent.create({
      data: {
        source: "changes",
        serviceId: service.id,
        kind: body.kind,
        summary: `${slug} ${body.kind} ${body.version}`,
        version: body.version,
        at: body.at ?? now,
        author: body.author ?? null,
        description: body.description ?? null,
        details: { recordedBy: context.actor.label },
        files: { create: files.map((file) => ({ path: file.path, contentSha256: file.sha256 })) },
      },
      select: { id: true },
    });
    await writeAudit(tx, context, {
      action: "change.record",
      objectType: "change_event",
      objectId: change.id,
      after: {
        service: slug,
        kind: body.kind,
        version: body.version,
        files: files.map((file) => ({ path: file.path, sha256: file.sha256 })),
      },
    });
    return { id: change.id, service: slug, files: files.length, notes };
  });
}
