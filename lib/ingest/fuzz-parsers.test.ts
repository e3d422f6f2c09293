import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listFixtures, readJsonFixture } from "../../test/helpers/fixtures";
import { mutatedJson } from "../../test/helpers/mutate-json";
import { AppError } from "../errors";
import { DEFAULT_SERVICE_LABELS } from "./read-service-labels";
import { WEBHOOK_KINDS } from "./webhook-kinds";

const FIXTURE_DIRS: Record<keyof typeof WEBHOOK_KINDS, string> = {
  alertmanager: "webhooks/alertmanager",
  grafana: "webhooks/grafana",
  datadog: "webhooks/datadog",
  pagerduty: "webhooks/pagerduty-v3",
  pagerduty_events: "webhooks/pagerduty-events-v2",
  generic: "webhooks/generic",
};

const context = {
  receivedAt: new Date("2026-11-23T12:00:00Z"),
  headers: {},
  serviceLabels: DEFAULT_SERVICE_LABELS,
};
const RUNS_PER_SENDER = 3_000;

describe.each(Object.entries(FIXTURE_DIRS))(
  "parser for %s under mutated real payloads",
  (kind, dir) => {
    const parse = WEBHOOK_KINDS[kind as keyof typeof WEBHOOK_KINDS].parse;
    const fixtures = dir === "webhooks/generic" ? [] : listFixtures(dir).map(readJsonFixture);
    // The generic webhook has no third-party fixture; its documented example stands in.
    if (fixtures.length === 0) {
      fixtures.push({
        alerts: [
          {
            name: "NightlyBackupFailed",
            service: "billing-db",
            severity: "critical",
            labels: { host: "db-1" },
          },
        ],
      });
    }

    it("either parses into storable alerts or throws a 422, never anything else", () => {
      fc.assert(
        fc.property(fc.constantFrom(...fixtures).chain(mutatedJson), (payload) => {
          try {
            const parsed = parse(payload, context);
            for (const alert of parsed.alerts) {
              expect(alert.fingerprint.length).toBeGreaterThan(0);
              expect(Number.isNaN(alert.startsAt.getTime())).toBe(false);
              expect(alert.startsAt.getUTCFullYear()).toBeGreaterThanOrEqual(1);
              expect(alert.startsAt.getUTCFullYear()).toBeLessThanOrEqual(9999);
              expect(["firing", "resolved"]).toContain(alert.status);
              for (const value of Object.values(alert.labels)) expect(typeof value).toBe("string");
            }
          } catch (error) {
            if (!(error instanceof AppError && error.code === "VALIDATION")) throw error;
          }
        }),
        { numRuns: RUNS_PER_SENDER },
      );
    });
  },
);
