import { getPrisma } from "../db";
import { AppError } from "../errors";
import { describeConfidence, type TConfidenceNote } from "./rank-hypotheses";
import { scoreIncident } from "./score-incident";

export type THypothesisView = {
  id: number;
  rank: number;
  service: string;
  change: { id: number; kind: string; version: string | null; at: Date } | null;
  /** Calibrated P(confirmed cause); null when no model is promoted. */
  probability: number | null;
  explanation: string[];
};

export type TIncidentHypotheses = {
  model: { id: number; createdAt: Date } | null;
  note: TConfidenceNote;
  hypotheses: THypothesisView[];
  confirmedCause: { service: string; changeEventId: number | null; by: string | null } | null;
  computedAt: Date | null;
};

const SHOWN = 8;

/** The incident's ranked hypotheses as the page shows them (scored first if never scored). */
export async function getIncidentHypotheses(incidentId: number): Promise<TIncidentHypotheses> {
  const prisma = await getPrisma();
  const incident = await prisma.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      confirmedCauseChangeEventId: true,
      confirmedCauseBy: true,
      confirmedCauseService: { select: { slug: true } },
      _count: { select: { hypotheses: true } },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
  if (incident._count.hypotheses === 0) await scoreIncident(incidentId);
  const rows = await prisma.hypothesis.findMany({
    where: { incidentId },
    orderBy: { rank: "asc" },
    take: SHOWN,
    include: {
      service: { select: { slug: true } },
      changeEvent: { select: { id: true, kind: true, version: true, at: true } },
      modelVersion: { select: { id: true, createdAt: true } },
    },
  });
  const hypotheses = rows.map((row) => ({
    id: row.id,
    rank: row.rank,
    service: row.service.slug,
    change: row.changeEvent ? { ...row.changeEvent, kind: String(row.changeEvent.kind) } : null,
    probability: row.probability,
    explanation: Array.isArray(row.explanation) ? row.explanation.map(String) : [],
  }));
  const model = rows[0]?.modelVersion ?? null;
  return {
    model,
    note: describeConfidence(hypotheses),
    hypotheses,
    confirmedCause: incident.confirmedCauseService
      ? {
          service: incident.confirmedCauseService.slug,
          changeEventId: incident.confirmedCauseChangeEventId,
          by: incident.confirmedCauseBy,
        }
      : null,
    computedAt: rows[0]?.computedAt ?? null,
  };
}
