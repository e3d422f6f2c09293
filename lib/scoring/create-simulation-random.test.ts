import { describe, expect, it } from "vitest";
import { createSimulationRandom } from "./create-simulation-random";

describe("createSimulationRandom", () => {
  it("draws the requested distributions around their means", () => {
    const random = createSimulationRandom(11);
    const draws = 20_000;
    const mean = (draw: () => number) =>
      Array.from({ length: draws }, draw).reduce((a, b) => a + b, 0) / draws;
    expect(mean(() => random.poisson(2.5))).toBeCloseTo(2.5, 1);
    expect(mean(() => random.exponential(8))).toBeGreaterThan(7.6);
    expect(mean(() => random.exponential(8))).toBeLessThan(8.4);
    expect(mean(() => random.uniform(9, 18))).toBeCloseTo(13.5, 1);
    expect(mean(() => (random.chance(0.3) ? 1 : 0))).toBeCloseTo(0.3, 1);
    expect(mean(() => random.pickWeighted([0, 1], (item) => (item === 1 ? 3 : 1)))).toBeCloseTo(
      0.75,
      1,
    );
  });

  it("repeats itself for the same seed", () => {
    const a = createSimulationRandom(5);
    const b = createSimulationRandom(5);
    expect(Array.from({ length: 5 }, () => a.poisson(3))).toEqual(
      Array.from({ length: 5 }, () => b.poisson(3)),
    );
  });
});
