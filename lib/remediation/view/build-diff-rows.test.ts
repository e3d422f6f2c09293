import { describe, expect, it } from "vitest";
import { diffFile } from "../diff-files";
import { buildDiffRows } from "./build-diff-rows";
import { CONFIG_MAP, DEPLOYMENT } from "./order-service.test-helper";

const BUNDLE = `${DEPLOYMENT}---\n${CONFIG_MAP}`;
const RELEASE = BUNDLE.replace("order-service:v41", "order-service:v42").replace(
  "LOG_LEVEL: info",
  "LOG_LEVEL: debug",
);
// Two changes six unchanged lines apart (keys sorted): one hunk with a long middle run.
const CLOSE_CHANGES = DEPLOYMENT.replace("name: orders-db", "name: orders-db-v2").replace(
  "containerPort: 8080",
  "containerPort: 8081",
);

describe("buildDiffRows", () => {
  it("keeps each hunk's document name and numbers lines on both sides", () => {
    const [file, ...rest] = buildDiffRows(diffFile("release.yaml", BUNDLE, RELEASE).diff);
    expect(rest).toEqual([]);
    expect(file?.oldPath).toBe("release.yaml");
    expect(file?.newPath).toBe("release.yaml");
    expect(file?.hunks.map((hunk) => hunk.section)).toEqual([
      "apps/v1 Deployment shop/order-service",
      "v1 ConfigMap shop/order-service-config",
    ]);
    expect(file?.hunks[1]?.header).toMatch(/^@@ -\d+,7 \+\d+,7 @@ v1 ConfigMap /);
    const changed = file?.hunks[1]?.rows.filter((row) => row.kind !== "context");
    expect(changed).toEqual([
      { kind: "del", oldLine: expect.any(Number), text: "  LOG_LEVEL: info" },
      { kind: "add", newLine: expect.any(Number), text: "  LOG_LEVEL: debug" },
    ]);
    const rows = file?.hunks[1]?.rows ?? [];
    const first = rows[0];
    expect(first).toMatchObject({ kind: "context", text: "apiVersion: v1" });
    expect(rows.filter((row) => row.kind === "context").map((row) => row.newLine)).toEqual(
      [0, 1, 2, 4, 5, 6].map((offset) => (first?.newLine ?? 0) + offset),
    );
  });

  it("folds unchanged lines beyond contextLines into one collapsed row holding them", () => {
    const diff = diffFile("release.yaml", BUNDLE, RELEASE).diff;
    const rows = buildDiffRows(diff, { contextLines: 1 })[0]?.hunks[1]?.rows ?? [];
    expect(rows.map((row) => row.kind)).toEqual([
      "collapsed",
      "context",
      "del",
      "add",
      "context",
      "collapsed",
    ]);
    expect(rows[0]).toMatchObject({ hiddenCount: 2, text: "" });
    expect(rows[0]?.hidden?.map((row) => row.text)).toEqual(["apiVersion: v1", "data:"]);
    expect(rows[0]?.newLine).toBe(rows[0]?.hidden?.[0]?.newLine);
    // The default keeps diffFile's own three lines of context: nothing to fold.
    const unfolded = buildDiffRows(diff)[0]?.hunks[1]?.rows ?? [];
    expect(unfolded.some((row) => row.kind === "collapsed")).toBe(false);
  });

  it("folds a long unchanged run between two changes, keeping context on both sides", () => {
    const diff = diffFile("deployment.yaml", DEPLOYMENT, CLOSE_CHANGES).diff;
    const hunks = buildDiffRows(diff, { contextLines: 2 })[0]?.hunks ?? [];
    expect(hunks).toHaveLength(1);
    const kinds = hunks[0]?.rows.map((row) => row.kind) ?? [];
    const middle = kinds.slice(kinds.indexOf("add") + 1, kinds.lastIndexOf("del"));
    expect(middle).toEqual(["context", "context", "collapsed", "context", "context"]);
    const collapsed = hunks[0]?.rows.find((row) => row.kind === "collapsed" && row.hidden);
    expect(collapsed?.hiddenCount).toBe(2);
    expect(collapsed?.hidden?.map((row) => row.text.trim())).toEqual([
      "name: order-service-config",
      "image: registry.shop.example.com/order-service:v41",
    ]);
  });

  it("reads added and deleted files from /dev/null and an empty diff as no files", () => {
    const added = buildDiffRows(diffFile("configmap.yaml", null, CONFIG_MAP).diff);
    expect(added[0]).toMatchObject({ oldPath: null, newPath: "configmap.yaml" });
    expect(added[0]?.hunks[0]?.rows.every((row) => row.kind === "add")).toBe(true);
    const deleted = buildDiffRows(diffFile("configmap.yaml", CONFIG_MAP, null).diff);
    expect(deleted[0]).toMatchObject({ oldPath: "configmap.yaml", newPath: null });
    expect(buildDiffRows(diffFile("configmap.yaml", CONFIG_MAP, CONFIG_MAP).diff)).toEqual([]);
  });

  it("reads plain-text diffs, whose hunks name no document", () => {
    const [file] = buildDiffRows(diffFile("app.ini", "[pool]\nsize=2\n", "[pool]\nsize=10\n").diff);
    expect(file?.hunks[0]).toMatchObject({ section: "", header: "@@ -1,2 +1,2 @@" });
    expect(file?.hunks[0]?.rows).toEqual([
      { kind: "context", oldLine: 1, newLine: 1, text: "[pool]" },
      { kind: "del", oldLine: 2, text: "size=2" },
      { kind: "add", newLine: 2, text: "size=10" },
    ]);
  });
});
