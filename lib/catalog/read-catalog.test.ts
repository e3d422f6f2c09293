import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { readCatalog } from "./read-catalog";
import { readCatalogFiles } from "./read-catalog-files";

const component = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;
const calm = JSON.stringify({
  nodes: [{ "unique-id": "a", "node-type": "service", name: "A", description: "A" }],
});
const prom = 'traces_service_graph_request_total{client="a",server="b"} 5\n';

describe("readCatalog", () => {
  it("reads every Backstage file into one snapshot", () => {
    const read = readCatalog(
      "backstage",
      [
        { name: "a.yaml", text: component("a") },
        { name: "b.yaml", text: component("b") },
      ],
      "backstage:two",
    );
    expect(read.kind).toBe("snapshot");
    if (read.kind !== "snapshot") return;
    expect(read.snapshot.source).toBe("backstage:two");
    expect(read.snapshot.services.map((service) => service.slug)).toEqual(["a", "b"]);
  });

  it("reads CALM and PagerDuty as snapshots and service graphs as observed edges", () => {
    expect(readCatalog("calm", [{ name: "a.json", text: calm }], "calm:a")).toMatchObject({
      kind: "snapshot",
      snapshot: { source: "calm:a", services: [{ slug: "a" }] },
    });
    const pagerduty = JSON.stringify({ services: [{ id: "P1", name: "a" }] });
    expect(readCatalog("pagerduty", [{ name: "pd.json", text: pagerduty }], "pd")).toMatchObject({
      kind: "snapshot",
      snapshot: { services: [{ slug: "a", metadata: { pagerdutyServiceId: "P1" } }] },
    });
    expect(readCatalog("service-graph", [{ name: "g.prom", text: prom }], "traces")).toEqual({
      kind: "observed",
      edges: [{ client: "a", server: "b", requests: 5 }],
    });
  });

  it.each(["calm", "pagerduty", "service-graph"] as const)(
    "wants exactly one %s file",
    (format) => {
      const files = [
        { name: "one.json", text: calm },
        { name: "two.json", text: calm },
      ];
      expect(() => readCatalog(format, files, "x")).toThrow(
        `one.json, two.json: a ${format} import reads exactly one file, got 2`,
      );
      expect(() => readCatalog(format, [], "x:empty")).toThrow(AppError);
    },
  );

  it("says when there is nothing to import", () => {
    expect(() => readCatalog("backstage", [], "backstage:empty")).toThrow(
      "backstage:empty: no catalog files to import",
    );
  });
});

describe("readCatalogFiles", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-catalog-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  };
  write("b.yaml", "b");
  write("a/z.yml", "z");
  write("a/graph.prom", "p");
  write("c.json", "c");
  write("notes.md", "not a catalog");
  write(".git/config.yaml", "hidden");

  it("reads a directory's catalog files recursively, sorted, named relative to it", () => {
    expect(readCatalogFiles(root)).toEqual([
      { name: "a/graph.prom", text: "p" },
      { name: "a/z.yml", text: "z" },
      { name: "b.yaml", text: "b" },
      { name: "c.json", text: "c" },
    ]);
  });

  it("reads a single file by its own name", () => {
    expect(readCatalogFiles(path.join(root, "a", "z.yml"))).toEqual([{ name: "z.yml", text: "z" }]);
  });

  it("says when the path does not exist", () => {
    expect(() => readCatalogFiles(path.join(root, "missing"))).toThrow("no such file or directory");
  });
});
