import { describe, expect, it } from "vitest";
import { isSignatureFresh } from "./is-signature-fresh";

const now = new Date("2026-03-01T12:00:00Z");
const seconds = (date: Date) => String(date.getTime() / 1000);

describe("isSignatureFresh", () => {
  it("accepts a timestamp within the window on either side (clock skew)", () => {
    expect(isSignatureFresh(seconds(now), now, 300)).toBe(true);
    expect(isSignatureFresh(seconds(new Date(now.getTime() - 300_000)), now, 300)).toBe(true);
    expect(isSignatureFresh(seconds(new Date(now.getTime() + 300_000)), now, 300)).toBe(true);
  });

  it("refuses an old one (a replay) and one too far in the future", () => {
    expect(isSignatureFresh(seconds(new Date(now.getTime() - 301_000)), now, 300)).toBe(false);
    expect(isSignatureFresh(seconds(new Date(now.getTime() + 301_000)), now, 300)).toBe(false);
    expect(isSignatureFresh("1732370000", now, 300)).toBe(false);
  });

  it.each(["", "soon", "-5", "1e9", "12.5", "99999999999999"])("refuses %j", (timestamp) => {
    expect(isSignatureFresh(timestamp, now, 300)).toBe(false);
  });
});
