import { describe, expect, it } from "vitest";
import { generateStorm } from "./generate-storm";

describe("generateStorm", () => {
  it("makes the requested number of distinct alerts, plus the two unrelated ones, in deliveries of at most 50", () => {
    const storm = generateStorm({ alertCount: 1_000, start: new Date("2026-11-23T12:00:00Z") });
    expect(storm.alertCount).toBe(1_002);
    const alerts = storm.deliveries.flatMap((delivery) => delivery.payload.alerts);
    expect(alerts).toHaveLength(1_002);
    expect(new Set(alerts.map((alert) => alert.fingerprint)).size).toBe(1_002);
    expect(
      Math.max(...storm.deliveries.map((delivery) => delivery.payload.alerts.length)),
    ).toBeLessThanOrEqual(50);
    const offsets = storm.deliveries.map((delivery) => delivery.atOffsetSeconds);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    // Sent at the end of each 5 s group interval, so the last leaves at most 5 s after 180 s.
    expect(offsets.at(-1)).toBeLessThanOrEqual(185);
    // Batched like Alertmanager: far fewer deliveries than alerts.
    expect(storm.deliveries.length).toBeLessThan(600);
  });
});
