import { describe, expect, it } from "vitest";
import { createSeededRandom } from "./create-seeded-random";

describe("createSeededRandom", () => {
  it("repeats a sequence for a seed and stays in [0, 1)", () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const first = Array.from({ length: 1_000 }, () => a());
    expect(Array.from({ length: 1_000 }, () => b())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(first[0]).toBeCloseTo(0.6011, 4);
  });

  it("differs across seeds and spreads evenly", () => {
    const values = Array.from({ length: 10_000 }, createSeededRandom(7));
    expect(values.slice(0, 5)).not.toEqual(Array.from({ length: 5 }, createSeededRandom(8)));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
