import { findCommonCause } from "../graph/find-common-cause";
import { positionsOf } from "../graph/index-service-graph";
import { measureHops } from "../graph/measure-hops";
import type { NodeState } from "../graph/schemas";
import type { TSimulationRandom } from "./create-simulation-random";
import type { TSimulationWorld } from "./create-simulation-world";
import type { TCandidate } from "./schemas";
import type { TSimulatedOutage } from "./simulate-outage";

const MINUTE_MS = 60_000;
/** How far back the live product looks for changes on a candidate. */
export const CHANGE_LOOKBACK_MINUTES = 180;
const SUSPECT_HOPS = 2;
const HISTORY_DAYS = 90;

/** A past incident as history features see it. */
export type TPastIncident = { at: number; causeId: number; alertNames: string[] };
/** Past incidents by each service they touched (red or amber), oldest first. */
export type TServiceHistory = Map<number, TPastIncident[]>;
/** Incidents are recorded by onset, so first alerts may run this far out of order. */
const HISTORY_ORDER_SLACK_MS = 24 * 60 * MINUTE_MS;

export type TSimulatedChange = {
  id: number;
  serviceId: number;
  kind: "deploy" | "config" | "flag";
  at: number;
};

/**
 * The hypotheses the live product would list: the origin, suspects within two hops along the
 * dependencies of red services, and common-cause candidates; each once with no change and once
 * per change in the look-back window. Unrelated changes (decoys) land on candidates at random.
 */
export function listSimulatedCandidates(
  world: TSimulationWorld,
  outage: TSimulatedOutage,
  causeChange: TSimulatedChange | null,
  history: TServiceHistory,
  random: TSimulationRandom,
  nextChangeId: () => number,
): TCandidate[] {
  const { index, graph } = world;
  const states = new Map<number, NodeState>();
  const redIds: number[] = [];
  for (const [id, signals] of outage.signals) {
    states.set(id, signals.state);
    if (signals.state === "red") redIds.push(id);
  }
  const suspectHops = measureHops(
    index.size,
    positionsOf(index, redIds),
    index.dependencyStart,
    index.dependencyTarget,
    null,
  );
  const originHops = measureHops(
    index.size,
    positionsOf(index, [outage.originId]),
    index.dependencyStart,
    index.dependencyTarget,
    null,
  );
  const shared = new Set(
    findCommonCause(graph, redIds, states).map((candidate) => candidate.serviceId),
  );
  const serviceIds = new Set<number>([outage.originId, ...shared]);
  for (let position = 0; position < index.size; position++) {
    const hops = suspectHops[position] ?? -1;
    if (hops >= 0 && hops <= SUSPECT_HOPS) serviceIds.add(index.ids[position] ?? 0);
  }

  const isRed = new Uint8Array(index.size);
  for (const position of positionsOf(index, redIds)) isRed[position] = 1;
  // Few distinct sets of alert names exist, so each is compared with this incident's once.
  const similarityByNames = new Map<string, boolean>();
  const isSimilar = (alertNames: string[]) => {
    const key = alertNames.join("\n");
    let similar = similarityByNames.get(key);
    if (similar === undefined) {
      similar = isSimilarSymptom(alertNames, outage.alertNames);
      similarityByNames.set(key, similar);
    }
    return similar;
  };
  const candidates: TCandidate[] = [];
  for (const serviceId of [...serviceIds].sort((a, b) => a - b)) {
    const position = index.positionOf.get(serviceId);
    const signals = outage.signals.get(serviceId);
    if (position === undefined || !signals) continue;
    const callers = measureHops(
      index.size,
      [position],
      index.dependentStart,
      index.dependentSource,
      null,
    );
    let redDependents = 0;
    for (let other = 0; other < index.size; other++) {
      if (other !== position && isRed[other] === 1 && (callers[other] ?? -1) > 0) redDependents++;
    }
    const hops = originHops[position] ?? -1;
    const past = countRecentIncidents(history.get(serviceId) ?? [], serviceId, outage, isSimilar);
    const base: TCandidate = {
      serviceId,
      slug: world.slugOf.get(serviceId) ?? String(serviceId),
      tier: world.tierOf.get(serviceId) ?? null,
      state: signals.state,
      alertCount: signals.alertCount,
      errorRate: signals.errorRate,
      latencyP99Ms: signals.latencyP99Ms,
      isOrigin: serviceId === outage.originId,
      hopDistance: hops < 0 ? null : hops,
      redDependents,
      isSharedDependency: shared.has(serviceId),
      change: null,
      priorIncidents: past.incidents,
      priorConfirmedSimilar: past.confirmedSimilar,
      schedules: world.schedulesOf.get(serviceId) ?? [],
    };
    const changes = drawDecoyChanges(
      serviceId,
      signals.state !== "gray",
      outage.firstAlertAt,
      random,
      nextChangeId,
    );
    if (causeChange?.serviceId === serviceId) changes.push(causeChange);
    candidates.push(base);
    for (const change of changes.sort((a, b) => a.at - b.at || a.id - b.id)) {
      candidates.push({
        ...base,
        change: { id: change.id, kind: change.kind, at: new Date(change.at) },
      });
    }
  }
  return candidates;
}

/**
 * Unrelated changes: teams ship all day, far less at night and at weekends. The services that
 * hurt are the busy ones, at twice the rate: a decoy there is what makes a cause hard to spot.
 */
function drawDecoyChanges(
  serviceId: number,
  isAffected: boolean,
  firstAlertAt: number,
  random: TSimulationRandom,
  nextChangeId: () => number,
): TSimulatedChange[] {
  const at = new Date(firstAlertAt);
  const hour = at.getUTCHours();
  const isWorkingHours = hour >= 9 && hour < 18 && at.getUTCDay() !== 0 && at.getUTCDay() !== 6;
  const changes: TSimulatedChange[] = [];
  const rate = (isWorkingHours ? 0.3 : 0.06) * (isAffected ? 2 : 1);
  for (let n = random.poisson(rate); n > 0; n--) {
    const draw = random.next();
    // A third of them land just before the alert, where a guilty change would.
    const minutesBefore = random.chance(0.35)
      ? random.uniform(0, 25)
      : random.uniform(0, CHANGE_LOOKBACK_MINUTES);
    changes.push({
      id: nextChangeId(),
      serviceId,
      kind: draw < 0.6 ? "deploy" : draw < 0.85 ? "config" : "flag",
      at: firstAlertAt - Math.round(minutesBefore * MINUTE_MS),
    });
  }
  return changes;
}

/** The service's incidents in the 90 days before the first alert, and those it caused with a similar symptom. */
function countRecentIncidents(
  incidents: TPastIncident[],
  serviceId: number,
  outage: TSimulatedOutage,
  isSimilar: (alertNames: string[]) => boolean,
): { incidents: number; confirmedSimilar: number } {
  const at = outage.firstAlertAt;
  const historyStart = at - HISTORY_DAYS * 24 * 60 * MINUTE_MS;
  const counts = { incidents: 0, confirmedSimilar: 0 };
  for (let index = incidents.length - 1; index >= 0; index--) {
    const past = incidents[index];
    if (!past || past.at < historyStart - HISTORY_ORDER_SLACK_MS) break;
    if (past.at < historyStart || past.at >= at) continue;
    counts.incidents++;
    if (past.causeId === serviceId && isSimilar(past.alertNames)) counts.confirmedSimilar++;
  }
  return counts;
}

/** Similar symptom: at least half of the two incidents' alert names in common (Jaccard ≥ 0.5). */
export function isSimilarSymptom(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const shared = b.filter((name) => left.has(name)).length;
  const union = new Set([...a, ...b]).size;
  return union > 0 && shared / union >= 0.5;
}
