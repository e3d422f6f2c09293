import { describe, expect, it } from "vitest";
import { formatAge, formatTimestamp } from "./format-time";

describe("formatAge", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  it.each([
    [5, "5s"],
    [125, "2m"],
    [3 * 3600 + 5 * 60, "3h 05m"],
    [2 * 86400 + 4 * 3600, "2d 4h"],
    [-30, "0s"],
  ])("%i seconds ago reads %s", (seconds, expected) => {
    expect(formatAge(ago(seconds), now)).toBe(expected);
  });

  it("prints UTC timestamps to the second", () => {
    expect(formatTimestamp(new Date("2026-11-23T14:05:09.123Z"))).toBe("2026-11-23 14:05:09 UTC");
  });
});
