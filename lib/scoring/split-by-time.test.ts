import { describe, expect, it } from "vitest";
import type { TFeatureRow } from "./schemas";
import { splitByTime } from "./split-by-time";

const hour = 3_600_000;
const start = Date.UTC(2026, 0, 1);

/** 10 groups of 2 rows, given out of time order. */
const rows: TFeatureRow[] = [7, 2, 9, 0, 4, 1, 8, 3, 6, 5].flatMap((g) =>
  [0, 1].map((c) => ({
    group: `g${g}`,
    time: start + g * hour,
    label: c === 0 ? (1 as const) : (0 as const),
    features: { x: c },
  })),
);

describe("splitByTime", () => {
  it("puts the oldest groups in train, the next in calibrate, the newest held out", () => {
    const split = splitByTime(rows);
    const groupsOf = (part: TFeatureRow[]) => [...new Set(part.map((r) => r.group))].sort();
    expect(groupsOf(split.train)).toEqual(["g0", "g1", "g2", "g3", "g4", "g5"]);
    expect(groupsOf(split.calibrate)).toEqual(["g6", "g7"]);
    expect(groupsOf(split.heldOut)).toEqual(["g8", "g9"]);
    expect(split.windows.train).toEqual({
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-01-01T05:00:00.000Z",
      rows: 12,
      groups: 6,
    });
    expect(split.windows.heldOut.from).toBe("2026-01-01T08:00:00.000Z");
  });

  it("keeps a group whole even when its rows carry different times", () => {
    const split = splitByTime([
      ...rows,
      { group: "g5", time: start + 99 * hour, label: 0, features: {} },
    ]);
    expect(split.train.filter((r) => r.group === "g5")).toHaveLength(3);
  });

  it("refuses fewer than three groups", () => {
    expect(() => splitByTime(rows.slice(0, 4))).toThrow(/cannot make three parts/);
  });
});
