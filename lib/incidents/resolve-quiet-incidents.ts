import { getSystemContext } from "../auth/get-cli-context";
import { lockCorrelation } from "../correlate/lock-correlation";
import { getPrisma } from "../db";
import { changeIncidentStatus } from "./change-incident-status";

/**
 * Resolves open incidents whose alerts have all resolved and stayed resolved for the quiet
 * period (measured from when we recorded the last resolution, not the sender's clock).
 */
export async function resolveQuietIncidents(now: Date, quietMinutes: number): Promise<number[]> {
  const prisma = await getPrisma();
  const quiet = await prisma.$queryRawUnsafe<{ id: number; alert_count: number }[]>(
    `SELECT i.id, count(a.id)::int AS alert_count
     FROM incidents i JOIN alerts a ON a.incident_id = i.id
     WHERE i.status <> 'resolved'
     GROUP BY i.id
     HAVING bool_and(a.status = 'resolved') AND max(a.updated_at) <= $1::timestamptz`,
    new Date(now.getTime() - quietMinutes * 60_000).toISOString(),
  );
  const resolved: number[] = [];
  for (const incident of quiet) {
    const isResolved = await prisma.$transaction(async (tx) => {
      await lockCorrelation(tx);
      // An alert may have fired again since the query above.
      const firing = await tx.alert.count({ where: { incidentId: incident.id, status: "firing" } });
      if (firing > 0) return false;
      const result = await changeIncidentStatus(
        getSystemContext("faultline"),
        incident.id,
        {
          status: "resolved",
          at: now,
          text: `Resolved automatically: all ${incident.alert_count} alerts resolved and stayed quiet for ${quietMinutes} min`,
        },
        tx,
      );
      return result.isChanged;
    });
    if (isResolved) resolved.push(incident.id);
  }
  return resolved;
}
