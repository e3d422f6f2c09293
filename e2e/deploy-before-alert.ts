import { type APIRequestContext, expect } from "@playwright/test";
import { buildAlertmanagerPayload } from "../lib/scenarios/alertmanager-payload";
import { buildOrderServiceRelease } from "../lib/scenarios/order-service-release";
import { createIntegration, postAlertmanager, waitForOpenIncident } from "./helpers";

/**
 * The demo's story for a fresh service: the order-service manifests as v41 (three days ago)
 * and v42 (4 min ago), then a critical alert on it. Returns the incident it opens.
 */
export async function openIncidentAfterDeploy(
  request: APIRequestContext,
  service: string,
): Promise<number> {
  const now = Date.now();
  const changes = await createIntegration(request, "changes");
  for (const [version, minutesAgo] of [
    ["v41", 3 * 24 * 60],
    ["v42", 4],
  ] as const) {
    const response = await request.post("/api/changes", {
      headers: { authorization: `Bearer ${changes}` },
      data: {
        service,
        kind: "deploy",
        version,
        author: "deploy-bot",
        at: new Date(now - minutesAgo * 60_000).toISOString(),
        files: buildOrderServiceRelease(version),
      },
    });
    expect(response.status()).toBe(201);
  }
  const alerts = await createIntegration(request, "alertmanager");
  const payload = buildAlertmanagerPayload(
    [
      {
        labels: { alertname: "HighErrorRate", service, severity: "critical" },
        annotations: { summary: "5xx ratio 18% on POST /orders" },
        startsAt: new Date(now),
      },
    ],
    { groupLabels: { service } },
  );
  expect(await postAlertmanager(request, alerts, JSON.stringify(payload))).toBe(202);
  return waitForOpenIncident(request, `HighErrorRate on ${service}`);
}
