import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES_DIR } from "../../../test/helpers/fixtures";
import { AppError } from "../../errors";
import { readCatalogFiles } from "../read-catalog-files";
import type { CatalogFile } from "../schemas";
import { parseBackstage } from "./parse-backstage";

const fixtures = readCatalogFiles(path.join(FIXTURES_DIR, "catalog/backstage"));
const validFixtures = fixtures.filter((file) => !file.name.includes("edge_invalid"));
const fixture = (name: string) => {
  const file = fixtures.find((each) => each.name === name);
  if (!file) throw new Error(`no fixture ${name}`);
  return file;
};
const parse = (text: string) =>
  parseBackstage([{ name: "catalog-info.yaml", text }], "backstage:test");

const component = (name: string, spec: string, metadata = "") =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${metadata}spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n${spec}`;
const resource = (name: string, type: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: ${name}\nspec:\n  type: ${type}\n  owner: team-a\n`;

describe("parseBackstage on Backstage's own example entities", () => {
  it("refuses the invalid component, naming its file, entity and metadata.name", () => {
    expect(() => parseBackstage(fixtures, "backstage:fixtures")).toThrow(
      'components/edge_invalid-component.yaml: component:invalid component: metadata.name: "invalid component" is not a valid entity name',
    );
  });

  it("keeps a dependsOn to a Resource in another file as a pending edge", () => {
    const snapshot = parseBackstage(
      [fixture("components/artist-lookup-component.yaml")],
      "backstage:artist-lookup",
    );
    expect(snapshot.services.map((service) => service.slug)).toEqual(["artist-lookup"]);
    expect(snapshot.dependencies).toEqual([]);
    expect(snapshot.pendingDependencies).toEqual([
      {
        from: "artist-lookup",
        toSlug: "artists-db",
        ref: "resource:artists-db",
        kind: "sync",
        criticality: "critical",
      },
    ]);
    // Owner and system name a Group and a System that are not in the file either.
    expect(snapshot.services[0]).toMatchObject({
      owner: "team-a",
      metadata: { system: "artist-engagement-portal" },
    });
  });

  it("keeps a consumed API nobody in the files provides as pending on the API", () => {
    const snapshot = parseBackstage(
      [fixture("components/wayback-search-component.yaml")],
      "backstage:wayback-search",
    );
    expect(snapshot.pendingDependencies).toEqual([
      {
        from: "wayback-search",
        toSlug: "api:default/wayback-archive",
        ref: "api:wayback-archive",
        kind: "sync",
        criticality: "critical",
      },
    ]);
    expect(snapshot.services[0]?.metadata?.providesApis).toEqual(["api:default/wayback-search"]);
  });

  it("reads Components and Resources as services, and dependsOn and APIs as edges", () => {
    // No file defines the wayback-archive API; its provider and consumer still meet through it.
    const snapshot = parseBackstage(validFixtures, "backstage:fixtures");
    expect(snapshot.source).toBe("backstage:fixtures");
    expect(snapshot.services.map((service) => service.slug)).toEqual([
      "artist-lookup",
      "wayback-archive",
      "wayback-archive-ingestion",
      "wayback-search",
      "artists-db",
    ]);
    expect(snapshot.dependencies).toEqual([
      { from: "artist-lookup", to: "artists-db", kind: "data", criticality: "critical" },
      { from: "wayback-search", to: "wayback-archive", kind: "sync", criticality: "critical" },
    ]);
    expect(snapshot.pendingDependencies).toEqual([]);
    expect(snapshot.flows).toEqual([]);
    expect(snapshot.services[0]).toEqual({
      slug: "artist-lookup",
      name: "artist-lookup",
      tier: null,
      owner: "team-a",
      onCall: null,
      runbookUrl: null,
      healthEndpoint: null,
      metadata: {
        kind: "service",
        description: "Artist Lookup",
        system: "artist-engagement-portal",
        lifecycle: "experimental",
        annotations: {
          "buildkite.com/project-slug": "nutrien/digital-k8s",
          "backstage.io/techdocs-ref": "url:https://github.com/jsqcloud/backstage/tree/master",
        },
      },
    });
    expect(snapshot.services[4]?.metadata).toMatchObject({ kind: "database" });
  });
});

describe("parseBackstage", () => {
  it("maps our annotations, links and every reference form onto services and edges", () => {
    const failureModes = JSON.stringify([
      {
        symptom: "Slow checkout",
        likelyCause: "cold cache",
        check: "hit ratio",
        remediation: null,
        escalation: "#oncall-orders",
      },
    ]);
    const snapshot = parse(
      [
        component(
          "orders",
          "  system: system:default/shop\n  dependsOn:\n    - resource:orders-db\n    - resource:default/cache\n    - component:payments\n  consumesApis:\n    - inventory-api\n",
          `  title: Orders\n  annotations:\n    faultline.dev/tier: "1"\n    faultline.dev/on-call: "#oncall-orders"\n    faultline.dev/health-endpoint: http://orders/healthz\n    faultline.dev/optional-dependencies: resource:cache, api:inventory-api\n    faultline.dev/async-dependencies: payments\n    pagerduty.com/service-id: PORDERS\n    faultline.dev/failure-modes: '${failureModes}'\n    faultline.dev/prometheus-url: http://prometheus:9090\n    faultline.dev/prometheus-error-rate-query: job:errors:ratio5m{job="orders"}\n  links:\n    - url: https://grafana/d/orders\n      title: Orders overview\n      type: dashboard\n    - url: https://runbooks/orders\n      type: runbook\n    - url: https://example.com/dashboard\n      icon: dashboard\n`,
        ),
        component("payments", "  dependencyOf: [gateway]\n"),
        component("inventory", "  providesApis: [inventory-api]\n"),
        component("gateway", ""),
        resource("orders-db", "database"),
        resource("cache", "cache"),
        "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: inventory-api\nspec:\n  type: grpc\n",
        "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jane.doe\nspec: {}\n",
        "",
      ].join("---\n"),
    );
    expect(snapshot.services.map((service) => service.slug)).toEqual([
      "orders",
      "payments",
      "inventory",
      "gateway",
      "orders-db",
      "cache",
    ]);
    expect(snapshot.services[0]).toEqual({
      slug: "orders",
      name: "Orders",
      tier: 1,
      owner: "team-a",
      onCall: "#oncall-orders",
      runbookUrl: "https://runbooks/orders",
      healthEndpoint: "http://orders/healthz",
      metadata: expect.objectContaining({
        kind: "service",
        system: "shop",
        lifecycle: "production",
        pagerdutyServiceId: "PORDERS",
        prometheus: {
          url: "http://prometheus:9090",
          errorRateQuery: 'job:errors:ratio5m{job="orders"}',
        },
        dashboards: [{ title: "Orders overview", url: "https://grafana/d/orders" }],
        failureModes: [
          {
            symptom: "Slow checkout",
            likelyCause: "cold cache",
            check: "hit ratio",
            remediation: null,
            escalation: "#oncall-orders",
          },
        ],
      }),
    });
    expect(snapshot.services[0]?.metadata?.annotations?.["faultline.dev/tier"]).toBe("1");
    expect(snapshot.dependencies).toEqual([
      { from: "orders", to: "orders-db", kind: "data", criticality: "critical" },
      { from: "orders", to: "cache", kind: "data", criticality: "optional" },
      { from: "orders", to: "payments", kind: "async", criticality: "critical" },
      { from: "orders", to: "inventory", kind: "sync", criticality: "optional" },
      { from: "gateway", to: "payments", kind: "sync", criticality: "critical" },
    ]);
  });

  it("refuses Prometheus queries without a Prometheus URL, and a URL that is not one", () => {
    const annotated = (annotations: string) =>
      parse(component("orders", "", `  annotations:\n${annotations}`));
    expect(() => annotated("    faultline.dev/prometheus-error-rate-query: up\n")).toThrow(
      'catalog-info.yaml: component:orders: metadata.annotations["faultline.dev/prometheus-url"]: is missing',
    );
    expect(() => annotated("    faultline.dev/prometheus-url: prometheus:9090\n")).toThrow(
      '"prometheus:9090" is not an http(s) URL',
    );
  });

  it("merges an edge declared from both ends into one", () => {
    const snapshot = parse(
      [
        component("a", "  dependsOn: [b]\n"),
        component("b", "  dependencyOf: [component:a]\n"),
      ].join("---\n"),
    );
    expect(snapshot.dependencies).toEqual([
      { from: "a", to: "b", kind: "sync", criticality: "critical" },
    ]);
  });

  it("skips empty documents and reads an empty file as no services", () => {
    expect(parse("---\n---\n").services).toEqual([]);
    expect(parse("").services).toEqual([]);
  });

  it.each([
    [
      "a dependencyOf naming an entity outside the files",
      component("a", "  dependencyOf: [component:elsewhere]\n"),
      'catalog-info.yaml: component:a: spec.dependencyOf[0]: "component:elsewhere" refers to component:elsewhere, which is not in the imported files: declare the edge as its dependsOn instead',
    ],
    [
      "a dependsOn naming a Group",
      `${component("a", "  dependsOn: [group:team-a]\n")}---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n`,
      'catalog-info.yaml: component:a: spec.dependsOn[0]: "group:team-a" refers to a Group; expected component or resource',
    ],
    [
      "a malformed reference",
      component("a", "  dependencyOf: ['a:b:c']\n"),
      'catalog-info.yaml: component:a: spec.dependencyOf[0]: "a:b:c" is not an entity reference',
    ],
    [
      "a tier out of range",
      component("a", "", '  annotations:\n    faultline.dev/tier: "5"\n'),
      'catalog-info.yaml: component:a: metadata.annotations["faultline.dev/tier"]: "5" is not a tier',
    ],
    [
      "failure modes that are not JSON",
      component("a", "", "  annotations:\n    faultline.dev/failure-modes: '[{symptom: x}]'\n"),
      'catalog-info.yaml: component:a: metadata.annotations["faultline.dev/failure-modes"]: not valid JSON',
    ],
    [
      "failure modes without a symptom",
      component("a", "", '  annotations:\n    faultline.dev/failure-modes: \'[{"check": "x"}]\'\n'),
      'catalog-info.yaml: component:a: metadata.annotations["faultline.dev/failure-modes"][0].symptom:',
    ],
    [
      "a schedule whose cron does not parse",
      component(
        "a",
        "",
        '  annotations:\n    faultline.dev/schedules: \'[{"name": "x", "cron": "every night", "durationMinutes": 30}]\'\n',
      ),
      'catalog-info.yaml: component:a: metadata.annotations["faultline.dev/schedules"][0].cron: must be a cron expression',
    ],
    [
      "an optional dependency that is no dependency",
      `${component("a", "", "  annotations:\n    faultline.dev/optional-dependencies: b\n")}---\n${component("b", "")}`,
      'catalog-info.yaml: component:a: metadata.annotations["faultline.dev/optional-dependencies"]: "b" is not one of this entity\'s dependencies',
    ],
    [
      "dependsOn that is not a list",
      component("a", "  dependsOn: b\n"),
      "catalog-info.yaml: component:a: spec.dependsOn: Invalid input: expected array, received string",
    ],
    [
      "an entity without metadata.name",
      "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {}\n",
      "catalog-info.yaml: document 1: metadata.name: Invalid input",
    ],
    [
      "the same entity twice",
      `${component("a", "")}---\n${component("A", "")}`,
      "catalog-info.yaml: component:A: metadata.name: defined twice (also in catalog-info.yaml)",
    ],
    [
      "two entities with one slug",
      `${component("a", "")}---\n${resource("a", "database")}`,
      'catalog-info.yaml: resource:a: metadata.name: gives the service slug "a", already used by component:a',
    ],
    [
      "a YAML syntax error",
      `${component("a", "")}---\nkind: Component\nkind: API\n`,
      "catalog-info.yaml: document 2: line 11: YAML syntax error: Map keys must be unique",
    ],
  ])("names the file, entity and field of %s", (_case, text, message) => {
    let thrown: unknown;
    try {
      parse(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "VALIDATION" });
    expect(String(thrown)).toContain(message);
  });
});

describe("parseBackstage across files", () => {
  it("reads optional and async annotations on a reference to another file's entity", () => {
    const snapshot = parse(
      component(
        "orders",
        "  dependsOn: [resource:orders-db, component:payments]\n",
        "  annotations:\n    faultline.dev/optional-dependencies: resource:orders-db\n    faultline.dev/async-dependencies: payments\n",
      ),
    );
    expect(snapshot.pendingDependencies).toEqual([
      {
        from: "orders",
        toSlug: "orders-db",
        ref: "resource:orders-db",
        kind: "sync",
        criticality: "optional",
      },
      {
        from: "orders",
        toSlug: "payments",
        ref: "component:payments",
        kind: "async",
        criticality: "critical",
      },
    ]);
  });

  it("reads an edge out of a queue backwards: the consumer depends on the bus, async", () => {
    const snapshot = parse(
      [
        `${resource("order-events", "queue")}  dependsOn: [component:notifier]\n`,
        component("notifier", ""),
        component("orders", "  dependsOn: [resource:order-events]\n"),
      ].join("---\n"),
    );
    expect(snapshot.dependencies).toEqual([
      { from: "orders", to: "order-events", kind: "sync", criticality: "critical" },
      { from: "notifier", to: "order-events", kind: "async", criticality: "critical" },
    ]);
  });

  it("lists every problem of every file in one error", () => {
    const broken: CatalogFile = {
      name: "components/broken.yaml",
      text: `${component("a", "  dependsOn: b\n")}---\n${component("c", "", '  annotations:\n    faultline.dev/tier: "9"\n')}`,
    };
    let thrown: unknown;
    try {
      parseBackstage([...fixtures, broken], "backstage:fixtures");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "VALIDATION" });
    const lines = String((thrown as Error).message).split("\n");
    expect(lines[0]).toBe("3 problems in 2 file(s); nothing was imported:");
    expect(lines).toHaveLength(4);
    expect(lines.slice(1)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("- components/broken.yaml: component:a: spec.dependsOn:"),
        expect.stringContaining(
          '- components/broken.yaml: component:c: metadata.annotations["faultline.dev/tier"]: "9" is not a tier',
        ),
        expect.stringContaining(
          '- components/edge_invalid-component.yaml: component:invalid component: metadata.name: "invalid component" is not a valid entity name',
        ),
      ]),
    );
  });
});
