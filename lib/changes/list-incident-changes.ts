import { getPrisma } from "../db";
import { describeChangeLead } from "./describe-change-lead";
import { findChangeWindow } from "./find-change-window";

export type TIncidentChange = {
  id: number;
  service: string;
  kind: string;
  version: string | null;
  at: Date;
  author: string | null;
  fileCount: number;
  /** "order-service deploy v42, 4 min before the first alert" */
  lead: string;
};

/** Changes on the incident's origin and suspect services, from the look-back window on. */
export async function listIncidentChanges(
  incident: { id: number; openedAt: Date; originServiceId: number | null },
  limit = 20,
): Promise<TIncidentChange[]> {
  const prisma = await getPrisma();
  const { serviceIds, firstAlertAt, since } = await findChangeWindow(prisma, incident);
  const changes = await prisma.changeEvent.findMany({
    where: { serviceId: { in: serviceIds }, at: { gte: since } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    include: { service: { select: { slug: true } }, _count: { select: { files: true } } },
  });
  return changes.map((change) => {
    const service = change.service?.slug ?? "unknown";
    return {
      id: change.id,
      service,
      kind: change.kind,
      version: change.version,
      at: change.at,
      author: change.author,
      fileCount: change._count.files,
      lead: describeChangeLead(
        { service, kind: change.kind, version: change.version, at: change.at },
        firstAlertAt,
      ),
    };
  });
}
