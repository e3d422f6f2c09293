import { writeAudit } from "../audit/write-audit";
import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { lockCorrelation } from "../correlate/lock-correlation";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { IncidentStatus } from "../generated/prisma/enums";
import { classifyTransition, describeStatusChange } from "./incident-lifecycle";

export type StatusChangeRequest = {
  status: Exclude<IncidentStatus, "triggered">;
  at: Date;
  /** Replaces the default "Acknowledged by …" timeline text. */
  text?: string;
  note?: string;
};

export type StatusChangeResult = { id: number; status: IncidentStatus; isChanged: boolean };

const TIME_FIELD = {
  acknowledged: "acknowledgedAt",
  mitigated: "mitigatedAt",
  resolved: "resolvedAt",
} as const;

/**
 * Moves an incident forward (responders and up) and records who and when on its timeline and in
 * the audit log, in one transaction. The actor is whoever the context says is asking.
 */
export async function changeIncidentStatus(
  context: TAuthContext,
  incidentId: number,
  request: StatusChangeRequest,
  tx?: Prisma.TransactionClient,
): Promise<StatusChangeResult> {
  requireRole(context, "responder", "change an incident's status");
  if (!tx)
    return (await getPrisma()).$transaction((inner) =>
      changeIncidentStatus(context, incidentId, request, inner),
    );
  const actor = context.actor.label;
  // Serialised with correlation, so no alert joins an incident while it is being resolved.
  await lockCorrelation(tx);
  const locked = await tx.$queryRawUnsafe<{ status: IncidentStatus }[]>(
    "SELECT status FROM incidents WHERE id = $1 FOR UPDATE",
    incidentId,
  );
  const current = locked[0]?.status;
  if (!current) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
  const transition = classifyTransition(current, request.status);
  if (transition === "backwards") {
    throw new AppError(
      "CONFLICT",
      `Incident ${incidentId} is ${current}; it cannot go back to ${request.status}.`,
    );
  }
  if (transition === "unchanged") return { id: incidentId, status: current, isChanged: false };

  const times: Partial<Record<(typeof TIME_FIELD)[keyof typeof TIME_FIELD], Date>> = {
    [TIME_FIELD[request.status]]: request.at,
  };
  // Skipped steps get the same time, so "acknowledged at" is never empty on a resolved incident.
  if (current === "triggered") times.acknowledgedAt = request.at;
  if (request.status === "resolved" && current !== "mitigated") times.mitigatedAt ??= request.at;
  await tx.incident.update({
    where: { id: incidentId },
    data: { status: request.status, ...times },
  });
  await tx.timelineEvent.create({
    data: {
      incidentId,
      at: request.at,
      kind: "status.changed",
      actor,
      text: request.text ?? describeStatusChange(request.status, actor),
      data: { from: current, to: request.status, ...(request.note ? { note: request.note } : {}) },
    },
  });
  await writeAudit(tx, context, {
    action: "incident.status",
    objectType: "incident",
    objectId: incidentId,
    before: { status: current },
    after: { status: request.status, ...(request.note ? { note: request.note } : {}) },
  });
  return { id: incidentId, status: request.status, isChanged: true };
}
