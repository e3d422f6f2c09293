import { describe, expect, it } from "vitest";
import { webhookKindOfPath } from "./answer-webhook";

describe("webhookKindOfPath", () => {
  it("maps each webhook route to its kind, with or without a query string or trailing slash", () => {
    expect(webhookKindOfPath("/api/webhooks/alertmanager")).toBe("alertmanager");
    expect(webhookKindOfPath("/api/webhooks/pagerduty-events?x=1")).toBe("pagerduty_events");
    expect(webhookKindOfPath("/api/webhooks/pagerduty/")).toBe("pagerduty");
    expect(webhookKindOfPath("/api/webhooks/grafana")).toBe("grafana");
  });

  it("leaves every other path to Next", () => {
    for (const path of ["/api/webhooks", "/api/webhooks/pagerduty_events", "/api/signals", "/"]) {
      expect(webhookKindOfPath(path)).toBeNull();
    }
  });
});
