import type { Prisma } from "../db";
import type { TFileSet } from "../remediation/schemas";

export type TChangeRef = { id: number; version: string | null; at: Date; kind: string };

export type TServiceFiles = {
  files: TFileSet;
  /** The last change the file set includes, null when the service has none. */
  change: TChangeRef | null;
};

type TRow = { path: string; content: string };

/**
 * A service's files as of one change event (the latest when `asOf` is left out): each path's
 * content from the last change up to it that carried that path, so a config-only change does
 * not drop the manifests an earlier deploy recorded.
 */
export async function loadServiceFiles(
  tx: Prisma.TransactionClient,
  serviceId: number,
  asOf?: TChangeRef,
): Promise<TServiceFiles> {
  const change = asOf ?? (await findLatestChange(tx, serviceId));
  if (!change) return { files: {}, change: null };
  const rows = await tx.$queryRawUnsafe<TRow[]>(
    `SELECT DISTINCT ON (f.path) f.path, c.content
       FROM change_files f
       JOIN change_events e ON e.id = f.change_event_id
       JOIN file_contents c ON c.sha256 = f.content_sha256
      WHERE e.service_id = $1 AND (e.at, e.id) <= ($2::timestamptz, $3::int)
      ORDER BY f.path, e.at DESC, e.id DESC`,
    serviceId,
    change.at,
    change.id,
  );
  return { files: Object.fromEntries(rows.map((row) => [row.path, row.content])), change };
}

/** The service's change just before `change` (by time, then id), or its latest one. */
export async function findLatestChange(
  tx: Prisma.TransactionClient,
  serviceId: number,
  before?: { at: Date; id: number },
): Promise<TChangeRef | null> {
  const rows = await tx.$queryRawUnsafe<TChangeRef[]>(
    `SELECT id, version, at, kind::text AS kind FROM change_events
      WHERE service_id = $1 AND ($2::timestamptz IS NULL OR (at, id) < ($2::timestamptz, $3::int))
      ORDER BY at DESC, id DESC LIMIT 1`,
    serviceId,
    before?.at ?? null,
    before?.id ?? 0,
  );
  return rows[0] ?? null;
}
