import { beforeAll, describe, expect, it } from "vitest";
import { POST as createIntegrationRoute } from "@/app/api/integrations/route";
import { GET as getServiceRoute } from "@/app/api/services/[slug]/route";
import { POST as pushSignals } from "@/app/api/signals/route";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { getRequest, jsonRequest, routeParams } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
let admin: TTestActor;
beforeAll(async () => {
  admin = await createTestActor("admin");
});

describe("answers that used to be 500s", () => {
  it("two concurrent creations of the same integration: one 201, one 409 naming it", async () => {
    const create = () =>
      createIntegrationRoute(
        jsonRequest("/api/integrations", { kind: "grafana", name: "twice" }, admin.headers),
      );
    const responses = await Promise.all([create(), create(), create()]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const conflict = responses.find((response) => response.status === 409) as Response;
    expect((await conflict.json()).error).toEqual({
      code: "CONFLICT",
      message: 'A grafana integration named "twice" already exists.',
    });
    expect(await testDb.db.prisma.integration.count({ where: { name: "twice" } })).toBe(1);
  });

  // On PGlite (one connection) the pushes take turns; on PostgreSQL (the postgres project) they race.
  it("signals for a new service arriving concurrently are all recorded, the service created once", async () => {
    const { secret } = await createTestIntegration("signals");
    const push = (value: number) =>
      pushSignals(
        jsonRequest(
          "/api/signals",
          { samples: [{ service: "brand-new-service", metric: "error_rate", value }] },
          bearer(secret),
        ),
      );
    const responses = await Promise.all([0.1, 0.2, 0.3, 0.4].map(push));
    const answers = await Promise.all(responses.map((response) => response.json()));
    expect(
      responses.map((response) => response.status),
      JSON.stringify(answers),
    ).toEqual([202, 202, 202, 202]);
    const services = await testDb.db.prisma.service.findMany({
      where: { slug: "brand-new-service" },
    });
    expect(services).toHaveLength(1);
    expect(await testDb.db.prisma.signalSample.count()).toBe(4);
  });

  it.each(["%", "%25", "%E0%A4%A", "no-such-service"])(
    "GET /api/services/%s is a 404",
    async (slug) => {
      const response = await getServiceRoute(
        getRequest(`/api/services/${encodeURIComponent(slug)}`, admin.headers),
        routeParams({ slug }),
      );
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("NOT_FOUND");
    },
  );
});
