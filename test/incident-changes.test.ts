import { beforeAll, describe, expect, it } from "vitest";
import { GET as getIncident } from "@/app/api/incidents/[id]/route";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { seedOrderServiceStorm } from "./helpers/order-service-storm";
import { getRequest, routeParams } from "./helpers/requests";
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
    // v41 long before the look-back window; v42 4 min before the first alert (sent 240 s ago).
    await seedOrderServiceStorm();
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
