import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postImport } from "@/app/api/catalog/import/route";
import { getCliContext } from "@/lib/auth/get-cli-context";
import { applyCatalogSnapshot } from "@/lib/catalog/apply-catalog-snapshot";
import { importCatalog } from "@/lib/catalog/import-catalog";
import { readCatalogFiles } from "@/lib/catalog/read-catalog-files";
import type { CatalogSnapshot } from "@/lib/catalog/schemas";
import { ECOMMERCE_TOPOLOGY } from "@/prisma/seed/ecommerce-topology";
import { createTestActor, type TTestActor } from "./helpers/auth";
import { FIXTURES_DIR } from "./helpers/fixtures";
import { jsonRequest } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
const EXAMPLES = `${import.meta.dirname}/../examples/ecommerce`;

async function catalogCounts() {
  const prisma = testDb.db.prisma;
  const [services, mapped, dependencies, flows] = await Promise.all([
    prisma.service.count(),
    prisma.service.count({ where: { isUnmapped: false } }),
    prisma.dependency.count(),
    prisma.businessFlow.count(),
  ]);
  return { services, mapped, dependencies, flows };
}

beforeEach(async () => {
  const prisma = testDb.db.prisma;
  await prisma.pendingDependency.deleteMany();
  await prisma.dependency.deleteMany();
  await prisma.businessFlow.deleteMany();
  await prisma.service.deleteMany();
});

describe("applyCatalogSnapshot", () => {
  it("adds everything once, changes nothing on a second import, and reports both", async () => {
    const first = await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
    expect(first.services.added).toHaveLength(25);
    expect(first.dependencies.added).toHaveLength(49);
    expect(first.flows.added).toEqual(["checkout", "browse", "fulfilment"]);
    const again = await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
    const nothing = { added: [], changed: [], removed: [] };
    expect(again).toEqual({
      source: ECOMMERCE_TOPOLOGY.source,
      services: nothing,
      dependencies: nothing,
      flows: nothing,
      pending: [],
      connected: [],
    });
  });

  it("reports what changed and what the source no longer declares, keeping alert history", async () => {
    await applyCatalogSnapshot(ECOMMERCE_TOPOLOGY);
    const edited: CatalogSnapshot = {
      ...ECOMMERCE_TOPOLOGY,
      services: ECOMMERCE_TOPOLOGY.services
        .filter((service) => service.slug !== "recommendation-service")
        .map((service) => (service.slug === "cart-service" ? { ...service, tier: 1 } : service)),
      dependencies: ECOMMERCE_TOPOLOGY.dependencies
        .filter(
          (edge) => edge.from !== "recommendation-service" && edge.to !== "recommendation-service",
        )
        .map((edge) =>
          edge.from === "order-service" && edge.to === "redis-cache"
            ? { ...edge, criticality: "critical" }
            : edge,
        ),
      flows: ECOMMERCE_TOPOLOGY.flows.filter((flow) => flow.uniqueId !== "browse"),
    };
    const report = await applyCatalogSnapshot(edited);
    expect(report.services).toEqual({
      added: [],
      changed: ["cart-service"],
      removed: ["recommendation-service"],
    });
    expect(report.dependencies.changed).toEqual(["order-service -> redis-cache"]);
    expect(report.dependencies.removed.sort()).toEqual([
      "recommendation-service -> catalog-service",
      "web-frontend -> recommendation-service",
    ]);
    expect(report.flows.removed).toEqual(["browse"]);
    const removed = await testDb.db.prisma.service.findUniqueOrThrow({
      where: { slug: "recommendation-service" },
    });
    expect(removed).toMatchObject({ isUnmapped: true, catalogSource: null });
  });

  it("refuses an edge to a service nobody declared, and writes nothing", async () => {
    const before = await catalogCounts();
    const broken: CatalogSnapshot = {
      ...ECOMMERCE_TOPOLOGY,
      dependencies: [
        ...ECOMMERCE_TOPOLOGY.dependencies,
        { from: "order-service", to: "no-such-service" },
      ],
    };
    await expect(applyCatalogSnapshot(broken)).rejects.toThrow(
      /order-service -> no-such-service: unknown service "no-such-service"/,
    );
    expect(await catalogCounts()).toEqual(before);
  });
});

describe("importing the example catalogs", () => {
  it.each([
    ["backstage", `${EXAMPLES}/backstage`],
    ["calm", `${EXAMPLES}/ecommerce.calm.json`],
  ] as const)("%s gives the shop's 25 services and 49 dependencies", async (format, path) => {
    const result = await importCatalog(
      getCliContext(),
      format,
      readCatalogFiles(path),
      `${format}:example`,
    );
    expect(result.kind).toBe("snapshot");
    expect(await catalogCounts()).toMatchObject({ services: 25, mapped: 25, dependencies: 49 });
    const orderToRedis = await testDb.db.prisma.dependency.findFirstOrThrow({
      where: { fromService: { slug: "order-service" }, toService: { slug: "redis-cache" } },
    });
    expect(orderToRedis).toMatchObject({
      criticality: "optional",
      kind: "data",
      provenance: "declared",
    });
    const searchIndex = await testDb.db.prisma.service.findUniqueOrThrow({
      where: { slug: "search-index" },
    });
    expect(searchIndex.metadata).toMatchObject({
      schedules: [{ name: "nightly-reindex", cron: "0 2 * * *", durationMinutes: 45 }],
    });
  });

  it("lets the first catalog own a service; a second one only fills in what it left empty", async () => {
    await importCatalog(
      getCliContext(),
      "calm",
      readCatalogFiles(`${EXAMPLES}/ecommerce.calm.json`),
      "calm:example",
    );
    const pagerduty = await importCatalog(
      getCliContext(),
      "pagerduty",
      readCatalogFiles(`${EXAMPLES}/pagerduty-services.json`),
      "pagerduty:example",
    );
    if (pagerduty.kind !== "snapshot") throw new Error("expected a snapshot import");
    expect(pagerduty.report.services.added).toEqual([]);
    const orders = await testDb.db.prisma.service.findUniqueOrThrow({
      where: { slug: "order-service" },
    });
    expect(orders).toMatchObject({
      catalogSource: "calm:example",
      tier: 1,
      runbookUrl: expect.stringContaining("runbooks"),
    });
    expect(orders.metadata).toMatchObject({
      pagerdutyServiceId: expect.any(String),
      failureModes: expect.any(Array),
    });
    const again = await importCatalog(
      getCliContext(),
      "calm",
      readCatalogFiles(`${EXAMPLES}/ecommerce.calm.json`),
      "calm:example",
    );
    if (again.kind !== "snapshot") throw new Error("expected a snapshot import");
    expect(again.report.services).toEqual({ added: [], changed: [], removed: [] });
  });

  it("marks where traffic and catalog agree and disagree", async () => {
    await importCatalog(
      getCliContext(),
      "calm",
      readCatalogFiles(`${EXAMPLES}/ecommerce.calm.json`),
      "calm:example",
    );
    const observed = await importCatalog(
      getCliContext(),
      "service-graph",
      readCatalogFiles(`${EXAMPLES}/service-graph.prom`),
      "traces",
    );
    expect(observed.kind).toBe("observed");
    const edge = (from: string, to: string) =>
      testDb.db.prisma.dependency.findFirstOrThrow({
        where: { fromService: { slug: from }, toService: { slug: to } },
      });
    expect((await edge("order-service", "orders-db")).provenance).toBe("both");
    expect((await edge("web-frontend", "recommendation-service")).provenance).toBe("declared");
    expect((await edge("shipping-service", "order-service")).provenance).toBe("observed");
  });

  it("names the file, entity and field of a bad Backstage file, and imports nothing from the directory", async () => {
    const before = await catalogCounts();
    const files = readCatalogFiles(`${FIXTURES_DIR}/catalog/backstage`);
    expect(files.map((file) => file.name)).toContain("components/edge_invalid-component.yaml");
    await expect(
      importCatalog(getCliContext(), "backstage", files, "backstage:fixtures"),
    ).rejects.toThrow(/edge_invalid-component\.yaml: .*metadata\.name/);
    expect(await catalogCounts()).toEqual(before);
  });
});

describe("POST /api/catalog/import", () => {
  let lead: TTestActor;
  let responder: TTestActor;
  beforeAll(async () => {
    lead = await createTestActor("lead");
    responder = await createTestActor("responder");
  });
  const post = (body: unknown, as?: TTestActor) =>
    postImport(jsonRequest("/api/catalog/import", body, as?.headers ?? {}));
  const calm = readCatalogFiles(`${EXAMPLES}/ecommerce.calm.json`);

  it("needs a lead", async () => {
    expect((await post({ format: "calm", files: calm })).status).toBe(401);
    const wrong = { email: "", tokenId: 0, headers: { authorization: "Bearer flt_wrong" } };
    expect((await post({ format: "calm", files: calm }, wrong)).status).toBe(401);
    const asResponder = await post({ format: "calm", files: calm }, responder);
    expect(asResponder.status).toBe(403);
    expect((await asResponder.json()).error.message).toContain("lead role");
    expect(await catalogCounts()).toMatchObject({ services: 0 });
  });

  it("imports and reports; a second import reports no change", async () => {
    const first = await post({ format: "calm", source: "calm:api-test", files: calm }, lead);
    expect(first.status).toBe(200);
    expect((await first.json()).report.services.added).toHaveLength(25);
    const audit = await testDb.db.prisma.auditEntry.findFirstOrThrow({
      where: { action: "catalog.import", objectId: "calm:api-test" },
    });
    expect(audit.actor).toBe(`token lead test (${lead.email})`);
    expect(audit.after).toMatchObject({ services: { added: 25 } });
    const second = await post({ format: "calm", source: "calm:api-test", files: calm }, lead);
    expect((await second.json()).report.services).toEqual({ added: [], changed: [], removed: [] });
  });

  it("answers a broken catalog with a 422 naming where", async () => {
    const response = await post(
      {
        format: "calm",
        files: [{ name: "broken.calm.json", text: '{"nodes": [{"unique-id": "a"}]}' }],
      },
      lead,
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(/^broken\.calm\.json: /);
  });

  it("answers malformed JSON with a 400, an unknown format with a 422, a huge body with a 413", async () => {
    const malformed = await post('{"format": "calm", "files": [', lead);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBeTruthy();

    const unknown = await post({ format: "openapi", files: calm }, lead);
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.message).toContain("format");

    const huge = await post(
      { format: "calm", files: [{ name: "huge.json", text: "x".repeat(21 * 1024 * 1024) }] },
      lead,
    );
    expect(huge.status).toBe(413);
  });
});
