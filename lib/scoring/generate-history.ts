import { createSimulationRandom } from "./create-simulation-random";
import { createSimulationWorld } from "./create-simulation-world";
import { extractFeatures } from "./extract-features";
import {
  listSimulatedCandidates,
  type TServiceHistory,
  type TSimulatedChange,
} from "./list-simulated-candidates";
import { planIncidents } from "./plan-incidents";
import type { TFeatureRow, TIncidentStory, TSimulatedIncident, TTopology } from "./schemas";
import { simulateOutage } from "./simulate-outage";

export const DEFAULT_INCIDENTS_PER_DAY = 4;
export const DEFAULT_STORY_MIX: Record<TIncidentStory, number> = {
  deploy: 0.5,
  batch: 0.25,
  dependency: 0.25,
};

export type TGenerateHistoryOptions = {
  topology: TTopology;
  months: number;
  start: Date;
  seed: number;
  incidentsPerDay?: number;
  /** Relative weights of the stories (normalised). */
  storyMix?: Record<TIncidentStory, number>;
};

/**
 * Months of simulated operations on a topology, oldest first: regressing changes in working
 * hours, batch jobs saturating data stores, shared dependencies failing on their own, with
 * decoy changes, stray amber services and missing signals. Pure: the seed fixes everything.
 */
export function generateHistory(options: TGenerateHistoryOptions): TSimulatedIncident[] {
  const random = createSimulationRandom(options.seed);
  const world = createSimulationWorld(options.topology, random);
  const end = new Date(options.start);
  end.setUTCMonth(end.getUTCMonth() + options.months);
  const plans = planIncidents(
    world,
    { start: options.start, end },
    options.incidentsPerDay ?? DEFAULT_INCIDENTS_PER_DAY,
    options.storyMix ?? DEFAULT_STORY_MIX,
    random,
  );
  let changeId = 0;
  const nextChangeId = () => ++changeId;
  const history: TServiceHistory = new Map();
  const incidents: TSimulatedIncident[] = [];
  for (const plan of plans) {
    const outage = simulateOutage(world, plan, random);
    const causeChange: TSimulatedChange | null = plan.change
      ? { id: nextChangeId(), serviceId: plan.causeId, kind: plan.change.kind, at: plan.change.at }
      : null;
    const candidates = listSimulatedCandidates(
      world,
      outage,
      causeChange,
      history,
      random,
      nextChangeId,
    );
    const labelIndex = candidates.findIndex(
      (candidate) =>
        candidate.serviceId === plan.causeId &&
        (candidate.change?.id ?? null) === (causeChange?.id ?? null),
    );
    const past = { at: outage.firstAlertAt, causeId: plan.causeId, alertNames: outage.alertNames };
    const affectedIds = new Set(
      candidates.filter((each) => each.state !== "gray").map((each) => each.serviceId),
    );
    for (const id of affectedIds) {
      const incidentsOfService = history.get(id);
      if (incidentsOfService) incidentsOfService.push(past);
      else history.set(id, [past]);
    }
    // Not expected (the cause is red, or two hops below a red caller); an unlabelled incident teaches nothing.
    if (labelIndex < 0) continue;
    const firstAlertAt = new Date(outage.firstAlertAt);
    incidents.push({
      id: "",
      firstAlertAt,
      cause: { serviceId: plan.causeId, changeId: causeChange?.id ?? null, story: plan.story },
      context: { firstAlertAt, alertNames: outage.alertNames },
      candidates,
      labelIndex,
    });
  }
  // Planned by onset, reported by first alert: a few neighbours swap places.
  return incidents
    .sort((a, b) => a.firstAlertAt.getTime() - b.firstAlertAt.getTime())
    .map((incident, index) => ({ ...incident, id: `sim-${options.seed}-${index + 1}` }));
}

/** One row per candidate: group = incident id, time = first alert (ms), label 1 for the cause. */
export function toFeatureRows(incidents: TSimulatedIncident[]): TFeatureRow[] {
  return incidents.flatMap((incident) =>
    incident.candidates.map((candidate, index) => ({
      group: incident.id,
      time: incident.firstAlertAt.getTime(),
      label: index === incident.labelIndex ? 1 : 0,
      features: extractFeatures(candidate, incident.context),
    })),
  );
}
