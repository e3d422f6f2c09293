import { getPrisma } from "../db";

/** Our incident for a PagerDuty incident: the linked one, else the one holding its alert. */
export async function findIncidentIdByPagerdutyId(
  pagerdutyIncidentId: string,
): Promise<number | null> {
  const prisma = await getPrisma();
  const linked = await prisma.incident.findUnique({
    where: { pagerdutyIncidentId },
    select: { id: true },
  });
  if (linked) return linked.id;
  const alert = await prisma.alert.findFirst({
    where: { source: "pagerduty", fingerprint: pagerdutyIncidentId, incidentId: { not: null } },
    orderBy: { startsAt: "desc" },
    select: { incidentId: true },
  });
  return alert?.incidentId ?? null;
}
