import { beforeAll, describe, expect, it } from "vitest";
import { POST as postChange } from "@/app/api/changes/route";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { buildDemoSequence } from "@/lib/scenarios/demo-sequence";
import { buildOrderServiceRelease } from "@/lib/scenarios/order-service-release";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { getRequest, jsonRequest, routeParams, settleCorrelation } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
let viewer: TTestActor;

/** GET /api/incidents/:id, as a viewer, for the incident whose title names `fragment`. */
async function fetchIncidentTitled(fragment: string) {
  const incident = await testDb.db.prisma.incident.findFirstOrThrow({
    where: { title: { contains: fragment } },
  });
  const response = await getIncident(
    getRequest(`/api/incidents/${incident.id}`, viewer.headers),
    routeParams({ id: String(incident.id) }),
  );
  return response.json();
}

describe("an incident's recent changes", () => {
  beforeAll(async () => {
    viewer = await createTestActor("viewer");
    const changes = (await createTestIntegration("changes")).secret;
    const alerts = (await createTestIntegration("alertmanager")).secret;
    const now = new Date();
    const deploy = (version: "v41" | "v42", minutesAgo: number) =>
      postChange(
        jsonRequest(
          "/api/changes",
          {
            service: "order-service",
            kind: "deploy",
            version,
            at: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
            files: buildOrderServiceRelease(version),
          },
          bearer(changes),
        ),
      );
    // v41 long before the look-back window; v42 4 min before the first alert (sent 240 s ago).
    expect((await deploy("v41", 3 * 24 * 60)).status).toBe(201);
    expect((await deploy("v42", 8)).status).toBe(201);
    for (const delivery of buildDemoSequence(now)) {
      await postAlertmanager(
        jsonRequest("/api/webhooks/alertmanager", delivery.payload, bearer(alerts)),
      );
    }
    await settleCorrelation();
  });

  it("shows the deploy before the first alert on the incident and on its timeline", async () => {
    const body = await fetchIncidentTitled("order-service");
    expect(body.incident.changes.map((change: { lead: string }) => change.lead)).toEqual([
      "order-service deploy v42, 4 min before the first alert",
    ]);
    expect(body.incident.changes[0].fileCount).toBe(3);
    const kinds = body.incident.timeline.map((event: { kind: string }) => event.kind);
    expect(kinds[0]).toBe("change.deploy");
    expect(kinds).toContain("incident.opened");
  });

  it("does not show another service's change on an unrelated incident", async () => {
    expect((await fetchIncidentTitled("search-index")).incident.changes).toEqual([]);
  });
});
