import { writeAudit } from "../audit/write-audit";
import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { findChangeWindow } from "../changes/find-change-window";
import { findLatestChange, loadServiceFiles, type TChangeRef } from "../changes/load-service-files";
import { getPrisma, type Prisma } from "../db";
import { AppError } from "../errors";
import { previewRemediation } from "./preview-remediation";
import type { TCreateRemediationBody, TRemediationParams, TRemediationView } from "./schemas";
import { REMEDIATION_ROW_SELECT, toRemediationView } from "./to-remediation-view";

/** A preview a responder starts by hand, for any service and version, with its audit row. */
export async function createRemediation(
  context: TAuthContext,
  incidentId: number,
  body: TCreateRemediationBody,
  now = new Date(),
): Promise<TRemediationView> {
  requireRole(context, "responder", "start a remediation");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true, openedAt: true, originServiceId: true },
    });
    if (!incident) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
    const service = await tx.service.findUnique({
      where: { slug: body.service },
      select: { id: true, slug: true },
    });
    if (!service) throw new AppError("NOT_FOUND", `No service "${body.service}".`);
    const params = await toParams(tx, incident, service.id, body);
    const preview = await previewRemediation(tx, {
      serviceId: service.id,
      service: service.slug,
      params,
      undoesRemediationId: null,
    });
    const row = await tx.remediation.create({
      data: {
        incidentId,
        serviceId: service.id,
        kind: body.kind,
        origin: "manual",
        fromChangeEventId: preview.fromChangeId,
        toChangeEventId: preview.toChangeId,
        params,
        preview: preview.stored,
        diffHash: preview.diffHash,
        createdBy: context.actor.label,
      },
      select: REMEDIATION_ROW_SELECT,
    });
    await tx.timelineEvent.create({
      data: {
        incidentId,
        at: now,
        kind: "remediation.previewed",
        actor: context.actor.label,
        text: `${preview.stored.summary}: previewed by ${context.actor.label}`,
        data: { remediationId: row.id, diffHash: preview.diffHash },
      },
    });
    await writeAudit(tx, context, {
      action: "remediation.create",
      objectType: "remediation",
      objectId: row.id,
      after: { incidentId, service: service.slug, params, diffHash: preview.diffHash },
    });
    return toRemediationView(row, preview.stored);
  });
}

async function toParams(
  tx: Prisma.TransactionClient,
  incident: { id: number; openedAt: Date; originServiceId: number | null },
  serviceId: number,
  body: TCreateRemediationBody,
): Promise<TRemediationParams> {
  switch (body.kind) {
    case "scale":
      return { kind: "scale", workload: body.workload, replicas: body.replicas };
    case "toggle":
      return { kind: "toggle", flag: body.flag, enabled: body.enabled };
    case "rollback": {
      const target = await findTargetChange(tx, incident, serviceId, body.toVersion);
      return { kind: "rollback", toChangeId: target.id, include: body.include ?? [] };
    }
    case "revert": {
      const target = await findTargetChange(tx, incident, serviceId, body.toVersion);
      const paths = body.files ?? (await listChangedPaths(tx, serviceId, target));
      if (paths.length === 0)
        throw new AppError(
          "VALIDATION",
          "No file differs from that version; give files to revert.",
        );
      return { kind: "revert", toChangeId: target.id, paths };
    }
  }
}

/** The version asked for, or by default the last one before the first suspect change. */
async function findTargetChange(
  tx: Prisma.TransactionClient,
  incident: { id: number; openedAt: Date; originServiceId: number | null },
  serviceId: number,
  version: string | undefined,
): Promise<TChangeRef> {
  if (version !== undefined) {
    const change = await tx.changeEvent.findFirst({
      where: { serviceId, version },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { id: true, version: true, at: true, kind: true },
    });
    if (!change)
      throw new AppError("NOT_FOUND", `No recorded version "${version}" of that service.`);
    return change;
  }
  const window = await findChangeWindow(tx, incident);
  const suspect =
    (await tx.changeEvent.findFirst({
      where: { serviceId, at: { gte: window.since } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { id: true, at: true },
    })) ?? (await findLatestChange(tx, serviceId));
  const previous = suspect ? await findLatestChange(tx, serviceId, suspect) : null;
  if (!previous)
    throw new AppError(
      "VALIDATION",
      "The service has no earlier recorded version; give toVersion.",
    );
  return previous;
}

async function listChangedPaths(
  tx: Prisma.TransactionClient,
  serviceId: number,
  target: TChangeRef,
): Promise<string[]> {
  // One after the other: an interactive transaction runs one statement at a time anyway.
  const now = await loadServiceFiles(tx, serviceId);
  const then = await loadServiceFiles(tx, serviceId, target);
  const paths = new Set([...Object.keys(now.files), ...Object.keys(then.files)]);
  return [...paths].filter((path) => now.files[path] !== then.files[path]).sort();
}
