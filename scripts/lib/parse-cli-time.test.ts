import { describe, expect, it } from "vitest";
import { parseCliTime } from "./parse-cli-time";

const now = new Date("2026-03-10T12:00:00.000Z");
const at = (text: string) => parseCliTime(text, now)?.toISOString() ?? null;

describe("parseCliTime", () => {
  it("reads ages back from now in minutes, hours, days and weeks", () => {
    expect(at("30m")).toBe("2026-03-10T11:30:00.000Z");
    expect(at("24h")).toBe("2026-03-09T12:00:00.000Z");
    expect(at("7d")).toBe("2026-03-03T12:00:00.000Z");
    expect(at("2w")).toBe("2026-02-24T12:00:00.000Z");
    expect(at(" 0h ")).toBe("2026-03-10T12:00:00.000Z");
  });

  it("reads ISO days and timestamps, taking a missing zone as UTC", () => {
    expect(at("2026-01-31")).toBe("2026-01-31T00:00:00.000Z");
    expect(at("2026-01-31T09:30")).toBe("2026-01-31T09:30:00.000Z");
    expect(at("2026-01-31T09:30:15.250Z")).toBe("2026-01-31T09:30:15.250Z");
    expect(at("2026-01-31T09:30:00+02:00")).toBe("2026-01-31T07:30:00.000Z");
  });

  it("refuses what is neither, and days that do not exist", () => {
    for (const text of ["", "yesterday", "24", "h", "-7d", "7 d", "1.5h", "7y", "2026-02-30"]) {
      expect(at(text), text).toBeNull();
    }
    expect(at("2026-13-01")).toBeNull();
    expect(at("2026-02-30T10:00+01:00")).toBeNull();
    expect(at("2026-01-31T25:00Z")).toBeNull();
    expect(at("31/01/2026")).toBeNull();
  });
});
