import { describe, expect, it } from "vitest";
import { extractFeatures, FEATURE_NAMES } from "./extract-features";
import { generateHistory, toFeatureRows } from "./generate-history";
import { CHANGE_LOOKBACK_MINUTES } from "./list-simulated-candidates";
import { loadSeedTopology } from "./load-seed-topology";
import { measureHeldOutTop1 } from "./measure-top1.fixture";
import type { TFeatureRow, TSimulatedIncident } from "./schemas";

const topology = loadSeedTopology();
const start = new Date("2026-01-01T00:00:00Z");
const sixMonths = generateHistory({ topology, months: 6, start, seed: 1 });
const sixMonthRows = toFeatureRows(sixMonths);
const rowsByIncident = new Map<string, TFeatureRow[]>();
for (const row of sixMonthRows)
  rowsByIncident.set(row.group, [...(rowsByIncident.get(row.group) ?? []), row]);
const causeOf = (incident: TSimulatedIncident) => {
  const cause = incident.candidates[incident.labelIndex];
  if (!cause) throw new Error(`${incident.id} has no cause candidate`);
  return cause;
};

describe("generateHistory", () => {
  it("gives the same history for the same seed, and another for another seed", () => {
    const again = generateHistory({ topology, months: 1, start, seed: 7 });
    expect(generateHistory({ topology, months: 1, start, seed: 7 })).toEqual(again);
    expect(generateHistory({ topology, months: 1, start, seed: 8 })).not.toEqual(again);
  });

  it("keeps to its months, on UTC clock days, from any start time", () => {
    const from = new Date("2026-02-10T15:30:00Z");
    const month = generateHistory({ topology, months: 1, start: from, seed: 3 });
    const times = month.map((incident) => incident.firstAlertAt.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(from.getTime());
    expect(Math.max(...times)).toBeLessThan(Date.parse("2026-03-10T16:00:00Z"));
    for (const incident of month.filter((each) => each.cause.story === "batch")) {
      expect(extractFeatures(causeOf(incident), incident.context).in_batch_window).toBe(1);
    }
  });

  it("follows the configured story mix and rate, oldest first", () => {
    const days = 181;
    expect(sixMonths.length).toBeGreaterThan(days * 4 * 0.85);
    expect(sixMonths.length).toBeLessThan(days * 4 * 1.15);
    const share = (story: string) =>
      sixMonths.filter((incident) => incident.cause.story === story).length / sixMonths.length;
    expect(share("deploy")).toBeCloseTo(0.5, 1);
    expect(share("batch")).toBeCloseTo(0.25, 1);
    expect(share("dependency")).toBeCloseTo(0.25, 1);
    const times = sixMonths.map((incident) => incident.firstAlertAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const onlyFailures = generateHistory({
      topology,
      months: 1,
      start,
      seed: 2,
      incidentsPerDay: 2,
      storyMix: { deploy: 0, batch: 0, dependency: 1 },
    });
    expect(new Set(onlyFailures.map((incident) => incident.cause.story))).toEqual(
      new Set(["dependency"]),
    );
  });

  it("labels exactly one candidate per incident: the cause's service with its change", () => {
    const rows = sixMonthRows;
    const positives = new Map<string, number>();
    for (const row of rows)
      positives.set(row.group, (positives.get(row.group) ?? 0) + (row.label ?? 0));
    expect(positives.size).toBe(sixMonths.length);
    expect([...positives.values()].every((count) => count === 1)).toBe(true);
    for (const incident of sixMonths) {
      const cause = causeOf(incident);
      expect(cause.serviceId).toBe(incident.cause.serviceId);
      expect(cause.change?.id ?? null).toBe(incident.cause.changeId);
      expect(incident.cause.changeId === null).toBe(incident.cause.story !== "deploy");
    }
    expect(Object.keys(rows[0]?.features ?? {})).toEqual(FEATURE_NAMES);
    expect(rows[0]?.time).toBe(sixMonths[0]?.firstAlertAt.getTime());
  });

  it("ships guilty changes mostly in working hours, before the first alert, inside the look-back", () => {
    const deploys = sixMonths.filter((incident) => incident.cause.story === "deploy");
    const inWorkingHours = deploys.filter((incident) => {
      const at = causeOf(incident).change?.at ?? new Date(0);
      return at.getUTCDay() % 6 !== 0 && at.getUTCHours() >= 9 && at.getUTCHours() < 18;
    });
    expect(inWorkingHours.length / deploys.length).toBeGreaterThan(0.75);
    for (const incident of sixMonths) {
      for (const candidate of incident.candidates) {
        if (!candidate.change) continue;
        const minutes = (incident.firstAlertAt.getTime() - candidate.change.at.getTime()) / 60_000;
        expect(minutes).toBeGreaterThanOrEqual(0);
        expect(minutes).toBeLessThanOrEqual(CHANGE_LOOKBACK_MINUTES);
      }
    }
  });

  it("puts every batch incident's cause inside its batch window, overnight with the seed jobs", () => {
    const batches = sixMonths.filter((incident) => incident.cause.story === "batch");
    expect(batches.length).toBeGreaterThan(50);
    for (const incident of batches) {
      const features = extractFeatures(causeOf(incident), incident.context);
      expect(features.in_batch_window).toBe(1);
      expect(features.is_overnight).toBe(1);
    }
  });

  it("fills history from its own earlier incidents", () => {
    const candidates = sixMonths.slice(100).flatMap((incident) => incident.candidates);
    expect(candidates.some((candidate) => candidate.priorIncidents > 0)).toBe(true);
    expect(candidates.some((candidate) => candidate.priorConfirmedSimilar > 0)).toBe(true);
    expect(
      candidates.every((candidate) => candidate.priorConfirmedSimilar <= candidate.priorIncidents),
    ).toBe(true);
    expect(sixMonths[0]?.candidates.every((candidate) => candidate.priorIncidents === 0)).toBe(
      true,
    );
  });
});

describe("the simulated truth", () => {
  it("is not the origin, nor first by any single feature, every time", () => {
    const isOrigin =
      sixMonths.filter((incident) => causeOf(incident).isOrigin).length / sixMonths.length;
    expect(isOrigin).toBeGreaterThan(0.2);
    expect(isOrigin).toBeLessThan(0.8);
    for (const name of FEATURE_NAMES) {
      for (const sign of [1, -1]) {
        const firsts = sixMonths.filter((incident) => {
          const rows = rowsByIncident.get(incident.id) ?? [];
          const values = rows.map((row) => sign * (row.features[name] ?? 0));
          const best = Math.max(...values);
          return (
            values[incident.labelIndex] === best &&
            values.filter((value) => value === best).length === 1
          );
        });
        expect(
          firsts.length / sixMonths.length,
          `${sign > 0 ? "highest" : "lowest"} ${name}`,
        ).toBeLessThan(0.4);
      }
    }
  });

  it("is learnable but not trivially: a plain logistic fit ranks the cause first 60-88% of the time", () => {
    const top1 = measureHeldOutTop1(sixMonthRows);
    expect(top1).toBeGreaterThan(0.6);
    expect(top1).toBeLessThan(0.88);
  });

  it("gives no skill once labels are shuffled within each incident", () => {
    let state = 1;
    const rows = toFeatureRows(
      sixMonths.map((incident) => {
        state = (state * 48_271) % 2_147_483_647;
        return { ...incident, labelIndex: state % incident.candidates.length };
      }),
    );
    const meanCandidates = rows.length / sixMonths.length;
    expect(measureHeldOutTop1(rows)).toBeLessThan(2.5 / meanCandidates);
  });
});
