import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { correlatePendingAlerts } from "@/lib/correlate/run-correlation";
import { DEFAULT_SERVICE_LABELS } from "@/lib/ingest/read-service-labels";
import { storeParsedDelivery } from "@/lib/ingest/store-delivery";
import { WEBHOOK_KINDS } from "@/lib/ingest/webhook-kinds";
import { readJsonFixture } from "./helpers/fixtures";
import { getTestDatabaseKind, provideTestDatabase } from "./helpers/test-database";

provideTestDatabase();

describe("GET /api/health", () => {
  it("names the database and counts the alerts still waiting for correlation", async () => {
    const before = await (await health()).json();
    expect(before).toEqual({
      status: "ok",
      database: getTestDatabaseKind(),
      correlationBacklog: 0,
    });

    // Stored straight, without the correlation pass a webhook route would start.
    const payload = readJsonFixture("webhooks/alertmanager/firing_12_alerts.json");
    const receivedAt = new Date();
    const parsed = WEBHOOK_KINDS.alertmanager.parse(payload, {
      receivedAt,
      headers: {},
      serviceLabels: DEFAULT_SERVICE_LABELS,
    });
    await storeParsedDelivery(
      {
        source: "alertmanager",
        integrationId: null,
        rawBody: JSON.stringify(payload),
        headers: {},
        receivedAt,
      },
      parsed,
    );
    expect((await (await health()).json()).correlationBacklog).toBe(12);

    await correlatePendingAlerts();
    expect((await (await health()).json()).correlationBacklog).toBe(0);
  });
});
