import { findChangeWindow } from "../changes/find-change-window";
import { findLatestChange } from "../changes/load-service-files";
import { getPrisma, type Prisma } from "../db";
import { getEnv } from "../env";
import { AppError, isAppError } from "../errors";
import { describeExecutorTarget } from "./describe-executor-target";
import { previewRemediation } from "./preview-remediation";
import { refreshRemediation } from "./refresh-remediation";
import type { TIncidentRemediations, TRemediationView } from "./schemas";
import { suggestRemediations, type TSuspectService } from "./suggest-remediations";
import { REMEDIATION_ROW_SELECT } from "./to-remediation-view";

/**
 * The incident's remediations, each recomputed against the versions as they are now: the
 * suggestions from its suspect services' recent changes first, then those started by hand.
 */
export async function listIncidentRemediations(incidentId: number): Promise<TIncidentRemediations> {
  const prisma = await getPrisma();
  const remediations = await prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true, openedAt: true, originServiceId: true },
    });
    if (!incident) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
    await storeSuggestions(tx, incident);
    const rows = await tx.remediation.findMany({
      where: { incidentId },
      orderBy: { id: "asc" },
      select: REMEDIATION_ROW_SELECT,
    });
    const views: TRemediationView[] = [];
    for (const row of rows) views.push((await refreshRemediation(tx, row)).view);
    const rank = { suggested: 0, manual: 1, undo: 2 } as const;
    return views.sort((a, b) => rank[a.origin] - rank[b.origin] || a.id - b.id);
  });
  return { remediations, executor: describeExecutorTarget(getEnv()) };
}

async function storeSuggestions(
  tx: Prisma.TransactionClient,
  incident: { id: number; openedAt: Date; originServiceId: number | null },
): Promise<void> {
  const window = await findChangeWindow(tx, incident);
  const changes = await tx.changeEvent.findMany({
    where: { serviceId: { in: window.serviceIds }, at: { gte: window.since } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: {
      id: true,
      serviceId: true,
      kind: true,
      at: true,
      files: { select: { path: true } },
      service: { select: { slug: true } },
    },
  });
  const services = new Map<number, TSuspectService & { slug: string }>();
  for (const change of changes) {
    if (change.serviceId === null || !change.service) continue;
    const service = services.get(change.serviceId) ?? {
      serviceId: change.serviceId,
      slug: change.service.slug,
      changes: [],
      previous: await findLatestChange(tx, change.serviceId, change),
    };
    service.changes.push({
      id: change.id,
      kind: change.kind,
      paths: change.files.map((file) => file.path),
    });
    services.set(change.serviceId, service);
  }
  const suggestions = suggestRemediations(incident.id, [...services.values()]);
  const existing = await tx.remediation.findMany({
    where: { suggestionKey: { in: suggestions.map((item) => item.key) } },
    select: { suggestionKey: true },
  });
  const known = new Set(existing.map((row) => row.suggestionKey));
  for (const suggestion of suggestions.filter((item) => !known.has(item.key))) {
    const slug = services.get(suggestion.serviceId)?.slug ?? "";
    const preview = await previewRemediation(tx, {
      serviceId: suggestion.serviceId,
      service: slug,
      params: suggestion.params,
      undoesRemediationId: null,
    }).catch((error: unknown) => {
      if (isAppError(error)) return null;
      throw error;
    });
    if (!preview) continue;
    // Two readers may suggest at once; the key keeps one row.
    await tx.$executeRawUnsafe(
      `INSERT INTO remediations (incident_id, service_id, kind, origin, suggestion_key,
         from_change_event_id, to_change_event_id, params, preview, diff_hash, created_by, updated_at)
       VALUES ($1, $2, $3, 'suggested', $4, $5, $6, $7::jsonb, $8::jsonb, $9, 'faultline', now())
       ON CONFLICT (suggestion_key) DO NOTHING`,
      incident.id,
      suggestion.serviceId,
      suggestion.params.kind,
      suggestion.key,
      preview.fromChangeId,
      preview.toChangeId,
      JSON.stringify(suggestion.params),
      JSON.stringify(preview.stored),
      preview.diffHash,
    );
  }
}
