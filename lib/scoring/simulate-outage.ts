import { positionsOf } from "../graph/index-service-graph";
import { measureHops } from "../graph/measure-hops";
import type { NodeState } from "../graph/schemas";
import type { TSimulationRandom } from "./create-simulation-random";
import type { TSimulationWorld } from "./create-simulation-world";
import type { TIncidentPlan } from "./plan-incidents";
import type { TIncidentStory } from "./schemas";

const MINUTE_MS = 60_000;
const MAX_SPREAD_HOPS = 3;

/** How each story hurts: the cause's chance of going red, and its callers' at one hop. */
const SPREAD: Record<TIncidentStory, { causeRed: number; callerRed: number; callerAmber: number }> =
  {
    deploy: { causeRed: 0.6, callerRed: 0.45, callerAmber: 0.3 },
    batch: { causeRed: 0.6, callerRed: 0.65, callerAmber: 0.25 },
    dependency: { causeRed: 0.5, callerRed: 0.6, callerAmber: 0.25 },
  };

const ALERT_NAMES: Record<TIncidentStory, [string, number][]> = {
  deploy: [
    ["HighErrorRate", 0.9],
    ["HighLatency", 0.4],
    ["PodCrashLooping", 0.3],
  ],
  batch: [
    ["HighLatency", 0.9],
    ["DBConnectionsSaturated", 0.6],
    ["SlowQueries", 0.5],
  ],
  dependency: [
    ["ServiceDown", 0.5],
    ["UpstreamTimeouts", 0.6],
    ["HighErrorRate", 0.5],
  ],
};
const ALL_ALERT_NAMES = [
  ...new Set(Object.values(ALERT_NAMES).flatMap((names) => names.map(([name]) => name))),
];

export type TServiceSignals = {
  state: NodeState;
  alertCount: number;
  errorRate: number | null;
  latencyP99Ms: number | null;
};

export type TSimulatedOutage = {
  firstAlertAt: number;
  originId: number;
  signals: Map<number, TServiceSignals>;
  alertNames: string[];
};

/** What the plan does to the system: who turns red or amber, who alerts first, what signals show. */
export function simulateOutage(
  world: TSimulationWorld,
  plan: TIncidentPlan,
  random: TSimulationRandom,
): TSimulatedOutage {
  const spread = SPREAD[plan.story];
  const states = new Map<number, NodeState>();
  const alertDelayMinutes = new Map<number, number>();
  states.set(plan.causeId, random.chance(spread.causeRed) ? "red" : "amber");
  alertDelayMinutes.set(plan.causeId, random.uniform(0, 8));

  const { index } = world;
  const callerHops = measureHops(
    index.size,
    positionsOf(index, [plan.causeId]),
    index.dependentStart,
    index.dependentSource,
    null,
  );
  let hasNearRedCaller = false;
  for (let position = 0; position < index.size; position++) {
    const hops = callerHops[position] ?? -1;
    if (hops < 1 || hops > MAX_SPREAD_HOPS) continue;
    const id = index.ids[position] ?? 0;
    const decay = 0.5 ** (hops - 1);
    const draw = random.next();
    if (draw < spread.callerRed * decay) {
      states.set(id, "red");
      if (hops <= 2) hasNearRedCaller = true;
    } else if (draw < (spread.callerRed + spread.callerAmber) * decay) states.set(id, "amber");
    alertDelayMinutes.set(id, random.uniform(0, 5) + 0.5 * hops);
  }
  // An amber cause with no red caller within two hops would be invisible to the blast radius: it turns red.
  if (!hasNearRedCaller) states.set(plan.causeId, "red");
  addUnrelatedNoise(world, states, alertDelayMinutes, random);

  let originId = plan.causeId;
  let firstDelay = Number.POSITIVE_INFINITY;
  for (const [id, state] of states) {
    const delay = alertDelayMinutes.get(id) ?? 0;
    if (state === "red" && delay < firstDelay) {
      firstDelay = delay;
      originId = id;
    }
  }
  const signals = new Map<number, TServiceSignals>();
  for (const service of world.topology.services) {
    signals.set(service.id, drawSignals(states.get(service.id) ?? "gray", random));
  }
  return {
    firstAlertAt: plan.onsetAt + Math.round(firstDelay * MINUTE_MS),
    originId,
    signals,
    alertNames: drawAlertNames(plan.story, random),
  };
}

/** Other things are always a little wrong: a few amber services, now and then an unrelated red one. */
function addUnrelatedNoise(
  world: TSimulationWorld,
  states: Map<number, NodeState>,
  alertDelayMinutes: Map<number, number>,
  random: TSimulationRandom,
): void {
  const services = world.topology.services;
  for (let n = random.poisson(1); n > 0; n--) {
    const { id } = random.pick(services);
    if (!states.has(id)) states.set(id, "amber");
  }
  if (random.chance(0.15)) {
    const { id } = random.pick(services);
    if (!states.has(id)) {
      states.set(id, "red");
      alertDelayMinutes.set(id, random.uniform(0, 10));
    }
  }
}

function drawSignals(state: NodeState, random: TSimulationRandom): TServiceSignals {
  const [errorLow, errorHigh, latencyMean] =
    state === "red" ? [0.03, 0.4, 1500] : state === "amber" ? [0.008, 0.06, 600] : [0, 0.006, 150];
  const alertCount =
    state === "red"
      ? 1 + random.poisson(2.5)
      : state === "amber"
        ? random.poisson(0.8)
        : random.chance(0.03)
          ? 1
          : 0;
  return {
    state,
    alertCount,
    errorRate: random.chance(0.15) ? null : random.uniform(errorLow, errorHigh),
    latencyP99Ms: random.chance(0.15) ? null : Math.round(40 + random.exponential(latencyMean)),
  };
}

function drawAlertNames(story: TIncidentStory, random: TSimulationRandom): string[] {
  const names = ALERT_NAMES[story]
    .filter(([, probability]) => random.chance(probability))
    .map(([name]) => name);
  if (names.length === 0 || random.chance(0.2)) names.push(random.pick(ALL_ALERT_NAMES));
  return [...new Set(names)].sort();
}
