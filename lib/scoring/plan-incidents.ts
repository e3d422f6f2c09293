import { CronExpressionParser } from "cron-parser";
import type { TSimulationRandom } from "./create-simulation-random";
import type { TSimulationWorld } from "./create-simulation-world";
import type { TIncidentStory, TSchedule } from "./schemas";

const DAY_MS = 24 * 60 * 60_000;
const MINUTE_MS = 60_000;
/** Deploy incidents follow the working week: weekdays carry 1.25×, weekends 0.375× (mean 1). */
const WEEKDAY_DEPLOY_FACTOR = 1.25;
const WEEKEND_DEPLOY_FACTOR = 0.375;

export type TIncidentPlan = {
  story: TIncidentStory;
  causeId: number;
  /** When the cause starts to hurt; alerts follow within minutes. */
  onsetAt: number;
  /** The regressing change (deploy story only). */
  change: { kind: "deploy" | "config" | "flag"; at: number } | null;
};

/** Which incidents happen when, and what starts each one, over [start, end). */
export function planIncidents(
  world: TSimulationWorld,
  range: { start: Date; end: Date },
  incidentsPerDay: number,
  storyMix: Record<TIncidentStory, number>,
  random: TSimulationRandom,
): TIncidentPlan[] {
  const total = storyMix.deploy + storyMix.batch + storyMix.dependency;
  const plans: TIncidentPlan[] = [];
  // Whole UTC days, so that working hours and nightly jobs fall where the clock says.
  const firstDay = Math.floor(range.start.getTime() / DAY_MS) * DAY_MS;
  for (let dayStart = firstDay; dayStart < range.end.getTime(); dayStart += DAY_MS) {
    const isWeekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const deployFactor = isWeekend ? WEEKEND_DEPLOY_FACTOR : WEEKDAY_DEPLOY_FACTOR;
    const rate = (share: number) => (incidentsPerDay * share) / total;
    for (let n = random.poisson(rate(storyMix.deploy) * deployFactor); n > 0; n--) {
      plans.push(planDeploy(world, dayStart, isWeekend, random));
    }
    const runs = listScheduledRuns(world, dayStart);
    for (let n = random.poisson(rate(storyMix.batch)); n > 0; n--) {
      // A day without any scheduled run cannot have a batch incident; it fails on its own instead.
      plans.push(
        runs.length > 0 ? planBatch(runs, random) : planDependency(world, dayStart, random),
      );
    }
    for (let n = random.poisson(rate(storyMix.dependency)); n > 0; n--) {
      plans.push(planDependency(world, dayStart, random));
    }
  }
  return plans
    .filter((plan) => plan.onsetAt >= range.start.getTime() && plan.onsetAt < range.end.getTime())
    .sort((a, b) => a.onsetAt - b.onsetAt);
}

function planDeploy(
  world: TSimulationWorld,
  dayStart: number,
  isWeekend: boolean,
  random: TSimulationRandom,
): TIncidentPlan {
  const isWorkingHours = !isWeekend && random.chance(0.9);
  const hour = isWorkingHours ? random.uniform(9, 18) : random.uniform(0, 24);
  const changeAt = dayStart + Math.floor(hour * 60) * MINUTE_MS;
  const services = world.topology.services;
  const cause = random.pickWeighted(services, (service) => world.propensityOf.get(service.id) ?? 1);
  const kindDraw = random.next();
  const kind = kindDraw < 0.7 ? "deploy" : kindDraw < 0.9 ? "config" : "flag";
  const lagMinutes = Math.min(150, 1 + random.exponential(15));
  return {
    story: "deploy",
    causeId: cause.id,
    onsetAt: changeAt + Math.round(lagMinutes * MINUTE_MS),
    change: { kind, at: changeAt },
  };
}

type TScheduledRun = { serviceId: number; schedule: TSchedule; startedAt: number };

function planBatch(runs: TScheduledRun[], random: TSimulationRandom): TIncidentPlan {
  const run = random.pick(runs);
  const intoRunMinutes = random.uniform(3, run.schedule.durationMinutes);
  return {
    story: "batch",
    causeId: run.serviceId,
    onsetAt: run.startedAt + Math.round(intoRunMinutes * MINUTE_MS),
    change: null,
  };
}

function planDependency(
  world: TSimulationWorld,
  dayStart: number,
  random: TSimulationRandom,
): TIncidentPlan {
  const ids =
    world.sharedDependencyIds.length > 0
      ? world.sharedDependencyIds
      : world.topology.services.map((service) => service.id);
  const causeId = random.pickWeighted(ids, (id) => world.propensityOf.get(id) ?? 1);
  return {
    story: "dependency",
    causeId,
    onsetAt: dayStart + Math.floor(random.uniform(0, 24 * 60)) * MINUTE_MS,
    change: null,
  };
}

/** Every declared run that starts on this UTC day. */
function listScheduledRuns(world: TSimulationWorld, dayStart: number): TScheduledRun[] {
  const runs: TScheduledRun[] = [];
  for (const [serviceId, schedules] of world.schedulesOf) {
    for (const schedule of schedules) {
      try {
        const expression = CronExpressionParser.parse(schedule.cron, {
          currentDate: new Date(dayStart - 1),
          endDate: new Date(dayStart + DAY_MS - 1),
          tz: schedule.timeZone ?? "UTC",
        });
        while (expression.hasNext()) {
          runs.push({ serviceId, schedule, startedAt: expression.next().toDate().getTime() });
        }
      } catch {
        // An unparseable schedule declares nothing.
      }
    }
  }
  return runs;
}
