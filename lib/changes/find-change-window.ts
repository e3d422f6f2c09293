import type { Prisma } from "../db";
import { CHANGE_LOOKBACK_MINUTES } from "./change-lookback";

export type TChangeWindow = {
  /** The incident's origin and suspect services. */
  serviceIds: number[];
  /** The sender's start time of the first alert, not when it reached us. */
  firstAlertAt: Date;
  since: Date;
};

/** Where an incident's suspect changes are: its services, from the look-back window on. */
export async function findChangeWindow(
  tx: Prisma.TransactionClient,
  incident: { id: number; openedAt: Date; originServiceId: number | null },
): Promise<TChangeWindow> {
  const services = await tx.incidentService.findMany({
    where: { incidentId: incident.id },
    select: { serviceId: true },
  });
  const first = await tx.alert.aggregate({
    where: { incidentId: incident.id },
    _min: { startsAt: true },
  });
  const firstAlertAt = first._min.startsAt ?? incident.openedAt;
  const ids = [incident.originServiceId, ...services.map((row) => row.serviceId)];
  return {
    serviceIds: [...new Set(ids.filter((id): id is number => id !== null))],
    firstAlertAt,
    since: new Date(firstAlertAt.getTime() - CHANGE_LOOKBACK_MINUTES * 60_000),
  };
}
