import { getSystemContext } from "../auth/get-cli-context";
import { getPrisma } from "../db";
import { isAppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { AlertSource } from "../generated/prisma/enums";
import type { IncidentUpdateRequest } from "../ingest/schemas";
import { changeIncidentStatus } from "./change-incident-status";

export type AppliedUpdates = { applied: number; unmatched: number };

/**
 * Carries a sender's acknowledge / resolve / note onto the incident it refers to. An update
 * for an incident we never saw is counted as unmatched, not an error: the sender cannot fix it.
 */
export async function applyIncidentUpdates(
  updates: IncidentUpdateRequest[],
): Promise<AppliedUpdates> {
  const result: AppliedUpdates = { applied: 0, unmatched: 0 };
  const prisma = await getPrisma();
  for (const update of updates) {
    const incidentId = await findTargetIncident(prisma, update.target);
    if (incidentId === null) {
      result.unmatched++;
      continue;
    }
    await prisma.$transaction(async (tx) => {
      if (update.action === "note") {
        await addTimelineNote(tx, incidentId, update);
        return;
      }
      const status = update.action === "acknowledge" ? "acknowledged" : "resolved";
      const change = await changeIncidentStatus(
        getSystemContext(update.actor),
        incidentId,
        { status, at: update.at, text: update.text },
        tx,
      ).catch((error: unknown) => {
        // Already further along (e.g. resolved here first): keep what the sender said, as a note.
        if (isAppError(error) && error.code === "CONFLICT") return null;
        throw error;
      });
      if (!change?.isChanged) await addTimelineNote(tx, incidentId, update);
    });
    result.applied++;
  }
  return result;
}

async function addTimelineNote(
  tx: Prisma.TransactionClient,
  incidentId: number,
  update: IncidentUpdateRequest,
) {
  await tx.timelineEvent.create({
    data: { incidentId, at: update.at, kind: "note", actor: update.actor, text: update.text },
  });
}

async function findTargetIncident(
  prisma: Prisma.TransactionClient,
  target: IncidentUpdateRequest["target"],
): Promise<number | null> {
  if ("pagerdutyIncidentId" in target) {
    const linked = await prisma.incident.findUnique({
      where: { pagerdutyIncidentId: target.pagerdutyIncidentId },
      select: { id: true },
    });
    if (linked) return linked.id;
    return findIncidentOfAlert(prisma, "pagerduty", target.pagerdutyIncidentId);
  }
  return findIncidentOfAlert(prisma, target.alertSource, target.alertFingerprint);
}

async function findIncidentOfAlert(
  prisma: Prisma.TransactionClient,
  source: AlertSource,
  fingerprint: string,
): Promise<number | null> {
  const alert = await prisma.alert.findFirst({
    where: { source, fingerprint, incidentId: { not: null } },
    orderBy: { startsAt: "desc" },
    select: { incidentId: true },
  });
  return alert?.incidentId ?? null;
}
