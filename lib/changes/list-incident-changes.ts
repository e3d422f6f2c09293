import { getPrisma } from "../db";
import { CHANGE_LOOKBACK_MINUTES } from "./change-lookback";
import { describeChangeLead } from "./describe-change-lead";

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
  const services = await prisma.incidentService.findMany({
    where: { incidentId: incident.id },
    select: { serviceId: true },
  });
  // The sender's start time of the first alert, not when it reached us.
  const first = await prisma.alert.aggregate({
    where: { incidentId: incident.id },
    _min: { startsAt: true },
  });
  const firstAlertAt = first._min.startsAt ?? incident.openedAt;
  const ids = [...new Set([incident.originServiceId, ...services.map((row) => row.serviceId)])];
  const changes = await prisma.changeEvent.findMany({
    where: {
      serviceId: { in: ids.filter((id): id is number => id !== null) },
      at: { gte: new Date(firstAlertAt.getTime() - CHANGE_LOOKBACK_MINUTES * 60_000) },
    },
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
