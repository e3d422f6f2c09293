import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma, type Prisma } from "../db";
import { AppError } from "../errors";
import { appendTrainingRows } from "./append-training-rows";
import { ZFeatures } from "./parse-stored-model";

/** POST /api/incidents/:id/root-cause: one of the hypotheses, or another service (and change). */
export const ZRootCauseBody = z.union([
  z.object({ hypothesisId: z.number().int().positive() }).strict(),
  z
    .object({
      service: z.string().trim().min(1).max(200),
      changeEventId: z.number().int().positive().nullable().optional(),
    })
    .strict(),
]);
export type TRootCauseBody = z.infer<typeof ZRootCauseBody>;

export type TConfirmedCause = {
  incidentId: number;
  service: string;
  changeEventId: number | null;
  /** Rows this incident now adds to the training history (0 when the cause was not a hypothesis). */
  trainingRows: number;
};

/**
 * The responder's word on what caused the incident: stored on it, its hypotheses become labelled
 * training history (replacing any earlier confirmation), audited and on the timeline, in one go.
 */
export async function confirmRootCause(
  context: TAuthContext,
  incidentId: number,
  body: TRootCauseBody,
  now = new Date(),
): Promise<TConfirmedCause> {
  requireRole(context, "responder", "confirm an incident's root cause");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true, openedAt: true },
    });
    if (!incident) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
    const cause = await resolveCause(tx, incidentId, body);
    await tx.incident.update({
      where: { id: incidentId },
      data: {
        confirmedCauseServiceId: cause.serviceId,
        confirmedCauseChangeEventId: cause.changeEventId,
        confirmedCauseBy: context.actor.label,
        confirmedCauseAt: now,
      },
    });
    const hypotheses = await tx.hypothesis.findMany({
      where: { incidentId },
      select: { serviceId: true, changeEventId: true, features: true },
    });
    const rows = hypotheses.map((hypothesis) => ({
      group: `incident:${incidentId}`,
      time: incident.openedAt.getTime(),
      label: (hypothesis.serviceId === cause.serviceId &&
      hypothesis.changeEventId === cause.changeEventId
        ? 1
        : 0) as 0 | 1,
      features: ZFeatures.parse(hypothesis.features),
    }));
    await tx.trainingRow.deleteMany({ where: { incidentId } });
    // Without the cause among them the rows teach nothing about this incident: left out.
    const trainingRows = rows.some((row) => row.label === 1)
      ? await appendTrainingRows(tx, rows, { source: "confirmed", incidentId })
      : 0;
    const what = cause.changeLabel
      ? `${cause.slug} ${cause.changeLabel}`
      : `${cause.slug}, no recent change`;
    await tx.timelineEvent.create({
      data: {
        incidentId,
        at: now,
        kind: "root_cause.confirmed",
        actor: context.actor.label,
        text: `Root cause confirmed by ${context.actor.label}: ${what}`,
        data: { serviceId: cause.serviceId, changeEventId: cause.changeEventId, trainingRows },
      },
    });
    await writeAudit(tx, context, {
      action: "incident.root_cause",
      objectType: "incident",
      objectId: incidentId,
      after: { service: cause.slug, changeEventId: cause.changeEventId, trainingRows },
    });
    return { incidentId, service: cause.slug, changeEventId: cause.changeEventId, trainingRows };
  });
}

async function resolveCause(
  tx: Prisma.TransactionClient,
  incidentId: number,
  body: TRootCauseBody,
): Promise<{
  serviceId: number;
  slug: string;
  changeEventId: number | null;
  changeLabel: string | null;
}> {
  const include = {
    service: { select: { slug: true } },
    changeEvent: { select: { kind: true, version: true } },
  };
  if ("hypothesisId" in body) {
    const hypothesis = await tx.hypothesis.findFirst({
      where: { id: body.hypothesisId, incidentId },
      include,
    });
    if (!hypothesis)
      throw new AppError(
        "NOT_FOUND",
        `Hypothesis ${body.hypothesisId} is not one of this incident's.`,
      );
    return {
      serviceId: hypothesis.serviceId,
      slug: hypothesis.service.slug,
      changeEventId: hypothesis.changeEventId,
      changeLabel: hypothesis.changeEvent
        ? `${hypothesis.changeEvent.kind} ${hypothesis.changeEvent.version ?? ""}`.trim()
        : null,
    };
  }
  const service = await tx.service.findUnique({
    where: { slug: body.service },
    select: { id: true, slug: true },
  });
  if (!service) throw new AppError("NOT_FOUND", `No service "${body.service}".`);
  if (!body.changeEventId)
    return { serviceId: service.id, slug: service.slug, changeEventId: null, changeLabel: null };
  const change = await tx.changeEvent.findFirst({
    where: { id: body.changeEventId, serviceId: service.id },
    select: { id: true, kind: true, version: true },
  });
  if (!change)
    throw new AppError(
      "NOT_FOUND",
      `Change ${body.changeEventId} is not one of ${service.slug}'s.`,
    );
  return {
    serviceId: service.id,
    slug: service.slug,
    changeEventId: change.id,
    changeLabel: `${change.kind} ${change.version ?? ""}`.trim(),
  };
}
