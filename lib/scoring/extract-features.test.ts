import { describe, expect, it } from "vitest";
import { testCandidate } from "./candidate.fixture";
import { extractFeatures, FEATURE_NAMES, FEATURES } from "./extract-features";

const REINDEX = [{ name: "nightly-reindex", cron: "0 2 * * *", durationMinutes: 45 }];
const at = (iso: string) => ({ firstAlertAt: new Date(iso), alertNames: ["HighLatency"] });

describe("extractFeatures", () => {
  it("gives exactly the documented columns, in order", () => {
    const features = extractFeatures(testCandidate(), at("2026-03-04T10:00:00Z"));
    expect(Object.keys(features)).toEqual(FEATURE_NAMES);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURES.length);
    for (const value of Object.values(features)) expect(Number.isFinite(value)).toBe(true);
  });

  it("measures a deploy before the first alert and tells no change apart", () => {
    const deploy = testCandidate({
      change: { id: 7, kind: "deploy", at: new Date("2026-03-04T09:56:00Z") },
    });
    const features = extractFeatures(deploy, at("2026-03-04T10:00:00Z"));
    expect(features.has_change).toBe(1);
    expect(features.minutes_change_to_first_alert).toBeCloseTo(Math.log1p(4), 12);
    expect([features.change_is_deploy, features.change_is_config, features.change_is_flag]).toEqual(
      [1, 0, 0],
    );
    const after = testCandidate({
      change: { id: 8, kind: "flag", at: new Date("2026-03-04T10:03:00Z") },
    });
    expect(extractFeatures(after, at("2026-03-04T10:00:00Z")).minutes_change_to_first_alert).toBe(
      0,
    );
    const none = extractFeatures(testCandidate(), at("2026-03-04T10:00:00Z"));
    expect([none.has_change, none.minutes_change_to_first_alert, none.change_is_deploy]).toEqual([
      0, 0, 0,
    ]);
  });

  it("reads state, signals and graph position, with missing values flagged", () => {
    const features = extractFeatures(
      testCandidate({
        state: "amber",
        alertCount: 0,
        errorRate: null,
        latencyP99Ms: null,
        hopDistance: null,
        tier: null,
        isOrigin: true,
      }),
      at("2026-03-04T10:00:00Z"),
    );
    expect(features).toMatchObject({
      is_red: 0,
      is_amber: 1,
      alert_count_log: 0,
      error_rate: 0,
      error_rate_missing: 1,
      latency_p99_log: 0,
      latency_missing: 1,
      is_origin: 1,
      hop_distance: 6,
      is_unreachable: 1,
      tier: 3,
      red_dependents_log: Math.log1p(3),
      is_shared_dependency: 1,
      prior_incidents_log: Math.log1p(2),
      prior_confirmed_similar_log: Math.log1p(1),
    });
    const far = extractFeatures(testCandidate({ hopDistance: 9 }), at("2026-03-04T10:00:00Z"));
    expect([far.hop_distance, far.is_unreachable, far.error_rate, far.latency_p99_log]).toEqual([
      6,
      0,
      0.12,
      Math.log1p(850),
    ]);
  });

  it("encodes the time of day and the day of week in UTC", () => {
    // 2026-03-07 is a Saturday.
    const night = extractFeatures(testCandidate(), at("2026-03-07T03:00:00Z"));
    expect(night.hour_sin).toBeCloseTo(Math.sin(Math.PI / 4), 12);
    expect(night.hour_cos).toBeCloseTo(Math.cos(Math.PI / 4), 12);
    expect([night.is_overnight, night.is_weekend]).toEqual([1, 1]);
    expect(night.day_of_week_sin).toBeCloseTo(Math.sin((2 * Math.PI * 6) / 7), 12);
    const day = extractFeatures(testCandidate(), at("2026-03-04T18:00:00Z"));
    expect(day.hour_sin).toBeCloseTo(-1, 12);
    expect([day.is_overnight, day.is_weekend]).toEqual([0, 0]);
    expect(extractFeatures(testCandidate(), at("2026-03-04T06:00:00Z")).is_overnight).toBe(0);
  });

  it("puts a 02:20 alert inside a 02:00 45-minute job's window, and 14:00 outside", () => {
    const reindex = testCandidate({ schedules: REINDEX });
    const inside = extractFeatures(reindex, at("2026-03-04T02:20:00Z"));
    expect(inside.in_batch_window).toBe(1);
    expect(inside.minutes_since_scheduled_run_log).toBeCloseTo(Math.log1p(20), 12);
    const outside = extractFeatures(reindex, at("2026-03-04T14:00:00Z"));
    expect(outside.in_batch_window).toBe(0);
    expect(outside.minutes_since_scheduled_run_log).toBeCloseTo(Math.log1p(12 * 60), 12);
  });

  it("bounds the batch window by duration + 15 min before and 5 min after", () => {
    const reindex = testCandidate({ schedules: REINDEX });
    expect(extractFeatures(reindex, at("2026-03-04T03:00:00Z")).in_batch_window).toBe(1);
    expect(extractFeatures(reindex, at("2026-03-04T03:01:00Z")).in_batch_window).toBe(0);
    const early = extractFeatures(reindex, at("2026-03-04T01:55:00Z"));
    expect(early.in_batch_window).toBe(1);
    expect(early.minutes_since_scheduled_run_log).toBe(0);
    expect(extractFeatures(reindex, at("2026-03-04T01:54:00Z")).in_batch_window).toBe(0);
  });

  it("honours a schedule's time zone and ignores one it cannot parse", () => {
    const berlin = testCandidate({
      schedules: [
        { name: "export", cron: "0 3 * * *", durationMinutes: 30, timeZone: "Europe/Berlin" },
      ],
    });
    // 03:00 in Berlin in March (CET) is 02:00 UTC.
    expect(extractFeatures(berlin, at("2026-03-04T02:10:00Z")).in_batch_window).toBe(1);
    const broken = testCandidate({
      schedules: [{ name: "x", cron: "not a cron", durationMinutes: 30 }],
    });
    const features = extractFeatures(broken, at("2026-03-04T02:10:00Z"));
    expect([features.in_batch_window, features.minutes_since_scheduled_run_log]).toEqual([
      0,
      Math.log1p(1440),
    ]);
  });
});
