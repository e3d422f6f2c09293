import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { getCliContext } from "@/lib/auth/get-cli-context";
import { describeImportReport } from "@/lib/catalog/describe-import-report";
import { getServiceOrThrow } from "@/lib/catalog/get-service";
import { type CatalogImportResult, importCatalog } from "@/lib/catalog/import-catalog";
import { readCatalogFiles } from "@/lib/catalog/read-catalog-files";
import type { CatalogFile, CatalogFormat } from "@/lib/catalog/schemas";
import { loadServiceGraph } from "@/lib/graph/load-service-graph";
import { FIXTURES_DIR } from "./helpers/fixtures";
import { provideTestDatabase } from "./helpers/test-database";

const testDb = provideTestDatabase();
const BACKSTAGE_DIR = path.join(FIXTURES_DIR, "catalog/backstage");
const EXAMPLES = `${import.meta.dirname}/../examples/ecommerce`;
const backstageFiles = readCatalogFiles(BACKSTAGE_DIR).filter(
  (file) => !file.name.includes("edge_invalid"),
);

async function resetCatalog() {
  const prisma = testDb.db.prisma;
  await prisma.pendingDependency.deleteMany();
  await prisma.dependency.deleteMany();
  await prisma.businessFlow.deleteMany();
  await prisma.service.deleteMany();
}

/** The catalog as a comparable value: services, edges and pending references, sorted. */
async function readGraph() {
  const prisma = testDb.db.prisma;
  const [services, edges, pending] = await Promise.all([
    prisma.service.findMany({ select: { slug: true, metadata: true, isUnmapped: true } }),
    prisma.dependency.findMany({
      include: { fromService: { select: { slug: true } }, toService: { select: { slug: true } } },
    }),
    prisma.pendingDependency.findMany({ include: { fromService: { select: { slug: true } } } }),
  ]);
  const kindOf = (metadata: unknown) =>
    typeof metadata === "object" && metadata !== null && "kind" in metadata
      ? String(metadata.kind)
      : "-";
  return {
    services: services
      .map(
        (service) =>
          `${service.slug} ${kindOf(service.metadata)}${service.isUnmapped ? " unmapped" : ""}`,
      )
      .sort(),
    edges: edges
      .map(
        (edge) =>
          `${edge.fromService.slug} -> ${edge.toService.slug} ${edge.kind} ${edge.criticality} ${edge.provenance}`,
      )
      .sort(),
    pending: pending
      .map((row) => `${row.fromService.slug} -> ${row.targetRef} ${row.kind} ${row.criticality}`)
      .sort(),
  };
}

async function importSnapshot(format: CatalogFormat, files: CatalogFile[], source: string) {
  const result: CatalogImportResult = await importCatalog(getCliContext(), format, files, source);
  if (result.kind !== "snapshot") throw new Error("expected a declared catalog");
  return result.report;
}

const importEach = async (files: CatalogFile[]) => {
  const reports = [];
  for (const file of files) {
    reports.push(await importSnapshot("backstage", [file], `backstage:${file.name}`));
  }
  return reports;
};
const reportFor = (reports: Awaited<ReturnType<typeof importEach>>, name: string) =>
  reports.find((report) => report.source === `backstage:${name}`);

beforeEach(resetCatalog);

describe("Backstage files that name each other, imported apart or together", () => {
  it("give the same graph in either order one at a time as all together", async () => {
    await importSnapshot("backstage", backstageFiles, "backstage:all");
    const together = await readGraph();
    expect(together.edges).toEqual([
      "artist-lookup -> artists-db data critical declared",
      "wayback-search -> wayback-archive sync critical declared",
    ]);
    expect(together.pending).toEqual([]);

    await resetCatalog();
    const forward = await importEach(backstageFiles);
    expect(await readGraph()).toEqual(together);
    // artist-lookup came before artists-db: it waited, then connected when the Resource came.
    const artistLookup = reportFor(forward, "components/artist-lookup-component.yaml");
    expect(artistLookup?.pending).toEqual([{ from: "artist-lookup", ref: "resource:artists-db" }]);
    if (!artistLookup) throw new Error("no report for artist-lookup");
    expect(describeImportReport(artistLookup)).toContain(
      "1 reference to entities not imported yet: resource:artists-db",
    );
    expect(reportFor(forward, "resources/artists-db-resource.yaml")?.connected).toEqual([
      "artist-lookup -> artists-db",
    ]);

    await resetCatalog();
    const backward = await importEach([...backstageFiles].reverse());
    expect(await readGraph()).toEqual(together);
    // Now the consumer of the wayback-archive API came first and waited for its provider.
    expect(reportFor(backward, "components/wayback-search-component.yaml")?.pending).toEqual([
      { from: "wayback-search", ref: "api:wayback-archive" },
    ]);
    expect(reportFor(backward, "components/wayback-archive-component.yaml")?.connected).toEqual([
      "wayback-search -> wayback-archive",
    ]);
    expect(
      reportFor(backward, "components/artist-lookup-component.yaml")?.dependencies.added,
    ).toEqual(["artist-lookup -> artists-db"]);
  });

  it("shows what a service waits for on its page, and connects it through another format", async () => {
    const artistLookup = backstageFiles.filter((file) => file.name.includes("artist-lookup"));
    await importSnapshot("backstage", artistLookup, "backstage:artist-lookup");
    expect((await getServiceOrThrow("artist-lookup")).waitingFor).toEqual([
      {
        ref: "resource:artists-db",
        targetSlug: "artists-db",
        kind: "sync",
        criticality: "critical",
        declaredSource: "backstage:artist-lookup",
      },
    ]);
    // The one graph model carries it too, so the map can say where it is incomplete.
    const waitingIn = async () =>
      (await loadServiceGraph()).pendingOf.get((await getServiceOrThrow("artist-lookup")).id) ?? [];
    expect((await waitingIn()).map((edge) => edge.targetRef)).toEqual(["resource:artists-db"]);
    const traffic = await importCatalog(
      getCliContext(),
      "service-graph",
      [
        {
          name: "traffic.prom",
          text: 'traces_service_graph_request_total{client="artist-lookup",server="artists-db"} 12\n',
        },
      ],
      "traces",
    );
    expect(traffic).toMatchObject({ kind: "observed", connected: ["artist-lookup -> artists-db"] });
    const service = await getServiceOrThrow("artist-lookup");
    expect(service.waitingFor).toEqual([]);
    expect(await waitingIn()).toEqual([]);
    expect(service.dependsOn).toEqual([
      expect.objectContaining({
        slug: "artists-db",
        provenance: "both",
        declaredSource: "backstage:artist-lookup",
      }),
    ]);
  });

  it("re-importing a source removes the pending references and edges it no longer declares", async () => {
    const [artistLookup] = backstageFiles.filter((file) => file.name.includes("artist-lookup"));
    if (!artistLookup) throw new Error("no artist-lookup fixture");
    const withoutDependsOn: CatalogFile = {
      name: artistLookup.name,
      text: artistLookup.text.replace(/\n {2}dependsOn: .*\n?/, "\n"),
    };
    expect(withoutDependsOn.text).not.toBe(artistLookup.text);

    await importSnapshot("backstage", [artistLookup], "backstage:artist-lookup");
    const dropped = await importSnapshot(
      "backstage",
      [withoutDependsOn],
      "backstage:artist-lookup",
    );
    expect(dropped.pending).toEqual([]);
    expect((await readGraph()).pending).toEqual([]);

    await importSnapshot("backstage", [artistLookup], "backstage:artist-lookup");
    const artistsDb = backstageFiles.filter((file) => file.name.includes("artists-db"));
    await importSnapshot("backstage", artistsDb, "backstage:artists-db");
    expect((await readGraph()).edges).toEqual([
      "artist-lookup -> artists-db data critical declared",
    ]);
    const again = await importSnapshot("backstage", [artistLookup], "backstage:artist-lookup");
    expect(again.dependencies).toEqual({ added: [], changed: [], removed: [] });
    const removed = await importSnapshot(
      "backstage",
      [withoutDependsOn],
      "backstage:artist-lookup",
    );
    expect(removed.dependencies.removed).toEqual(["artist-lookup -> artists-db"]);
    expect(await readGraph()).toMatchObject({ edges: [], pending: [] });
  });

  it("refuses a folder with two invalid files in one error naming both, writing nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-backstage-"));
    try {
      fs.cpSync(BACKSTAGE_DIR, dir, { recursive: true });
      const second = path.join(dir, "components/wayback-search-component.yaml");
      fs.writeFileSync(
        second,
        fs
          .readFileSync(second, "utf8")
          .replace("lifecycle: production", "dependsOn: wayback-archive"),
      );
      await importSnapshot("backstage", backstageFiles, "backstage:all");
      const before = await readGraph();
      const error: unknown = await importCatalog(
        getCliContext(),
        "backstage",
        readCatalogFiles(dir),
        "backstage:all",
      ).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject({ code: "VALIDATION" });
      const message = error instanceof Error ? error.message : "";
      expect(message).toMatch(/^2 problems in 2 file\(s\); nothing was imported:\n/);
      expect(message).toContain(
        '- components/edge_invalid-component.yaml: component:invalid component: metadata.name: "invalid component" is not a valid entity name',
      );
      expect(message).toContain(
        "- components/wayback-search-component.yaml: component:wayback-search: spec.dependsOn: Invalid input: expected array, received string",
      );
      expect(await readGraph()).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("PagerDuty dependencies on services outside the file", () => {
  it("wait, then connect when the other half of the export is imported", async () => {
    const whole = readCatalogFiles(`${EXAMPLES}/pagerduty-services.json`);
    const text = whole[0]?.text ?? "";
    await importSnapshot("pagerduty", whole, "pagerduty:whole");
    const together = await readGraph();
    expect(together.edges.length).toBeGreaterThan(0);

    // Split it as two teams would export it: each half with the relationships of its services.
    const exported = JSON.parse(text) as {
      services: { id: string }[];
      relationships: { dependent_service: { id: string } }[];
    };
    const half = (services: { id: string }[]): CatalogFile => {
      const ids = new Set(services.map((service) => service.id));
      const relationships = exported.relationships.filter((edge) =>
        ids.has(edge.dependent_service.id),
      );
      return { name: "half.json", text: JSON.stringify({ ...exported, services, relationships }) };
    };
    const middle = Math.floor(exported.services.length / 2);
    await resetCatalog();
    const first = await importSnapshot(
      "pagerduty",
      [half(exported.services.slice(0, middle))],
      "pagerduty:first",
    );
    expect(first.pending.length).toBeGreaterThan(0);
    const second = await importSnapshot(
      "pagerduty",
      [half(exported.services.slice(middle))],
      "pagerduty:second",
    );
    expect(second.connected).toHaveLength(first.pending.length);
    expect(await readGraph()).toEqual(together);
  });
});

describe("CALM", () => {
  it("imports FINOS's shop demo with its notification service depending on the queue", async () => {
    await importSnapshot(
      "calm",
      readCatalogFiles(path.join(FIXTURES_DIR, "catalog/calm/ecommerce.calm.json")),
      "calm:ecommerce",
    );
    const { edges } = await readGraph();
    expect(edges).toContain("notification-service -> message-queue async critical declared");
    expect(edges.filter((edge) => edge.startsWith("message-queue ->"))).toEqual([]);
  });

  it("still refuses a relationship to an unknown node, writing nothing", async () => {
    const architecture = {
      nodes: [{ "unique-id": "a", "node-type": "service", name: "A", description: "A" }],
      relationships: [
        {
          "unique-id": "a-b",
          "relationship-type": { connects: { source: { node: "a" }, destination: { node: "b" } } },
        },
      ],
    };
    await expect(
      importCatalog(
        getCliContext(),
        "calm",
        [{ name: "arch.json", text: JSON.stringify(architecture) }],
        "calm:t",
      ),
    ).rejects.toThrow(
      'arch.json: relationship a-b: relationship-type.connects.destination.node: unknown node "b"',
    );
    expect(await readGraph()).toEqual({ services: [], edges: [], pending: [] });
  });
});
