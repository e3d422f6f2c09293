import { describe, expect, it } from "vitest";
import { testCandidate } from "./candidate.fixture";
import { describeTopFeatures } from "./describe-top-features";

const context = (iso: string) => ({ firstAlertAt: new Date(iso), alertNames: ["HighLatency"] });

describe("describeTopFeatures", () => {
  it("names a recent deploy, the origin and shared dependency, positive first", () => {
    const candidate = testCandidate({
      isOrigin: true,
      change: { id: 1, kind: "deploy", at: new Date("2026-03-04T09:56:00Z") },
    });
    const phrases = describeTopFeatures(
      {
        minutes_change_to_first_alert: 1.2,
        has_change: 0.9,
        is_origin: 0.8,
        red_dependents_log: -1,
        tier: 0.1,
      },
      candidate,
      context("2026-03-04T10:00:00Z"),
    );
    expect(phrases).toEqual([
      "deploy 4 min before first alert",
      "origin of the incident",
      "shared dependency of 3 red services",
    ]);
  });

  it("says overnight, inside the batch window, and no recent change", () => {
    const candidate = testCandidate({
      schedules: [{ name: "nightly-reindex", cron: "0 2 * * *", durationMinutes: 45 }],
    });
    const phrases = describeTopFeatures(
      {
        in_batch_window: 2,
        is_overnight: 1,
        has_change: 0.5,
        hour_sin: 0.4,
        alert_count_log: 0.01,
      },
      candidate,
      context("2026-03-04T02:20:00Z"),
      2,
    );
    expect(phrases).toEqual([
      "overnight, inside the batch window of nightly-reindex",
      "no recent change",
    ]);
  });

  it("uses fewer phrases when few features moved the score, and describes missing signals", () => {
    const candidate = testCandidate({ errorRate: null, hopDistance: 2 });
    const phrases = describeTopFeatures(
      { error_rate_missing: -0.3, hop_distance: 0.2, is_red: 0, unknown_column: 5 },
      candidate,
      context("2026-03-04T10:00:00Z"),
    );
    expect(phrases).toEqual(["2 hops from the origin", "no error-rate signal"]);
  });
});
