import { describe, expect, it } from "vitest";
import { diffFile } from "../diff-files";
import { buildDiffRows } from "./build-diff-rows";
import { CONFIG_MAP, DEPLOYMENT } from "./order-service.test-helper";
import { expandRows, toSideBySide } from "./to-side-by-side";

// A key removed, one changed and one added: keys sorted, the runs are unequal on each side.
const CHANGED = CONFIG_MAP.replace(
  '  PAYMENT_TIMEOUT_MS: "3000"\n  INVENTORY_RESERVE_TTL_S: "900"\n',
  '  PAYMENT_TIMEOUT_MS: "5000"\n',
).replace("LOG_LEVEL: info", 'LOG_LEVEL: info\n  TRACE: "on"');

describe("toSideBySide", () => {
  it("pairs each deletion with the addition after it and leaves the rest one-sided", () => {
    const rows = buildDiffRows(diffFile("configmap.yaml", CONFIG_MAP, CHANGED).diff)[0]?.hunks[0]
      ?.rows;
    const pairs = toSideBySide(rows ?? []).filter((pair) => pair.left !== pair.right);
    expect(
      pairs.map((pair) => [pair.left?.text.trim() ?? null, pair.right?.text.trim() ?? null]),
    ).toEqual([
      ['INVENTORY_RESERVE_TTL_S: "900"', null],
      ['PAYMENT_TIMEOUT_MS: "3000"', 'PAYMENT_TIMEOUT_MS: "5000"'],
      [null, "TRACE: on"],
    ]);
  });

  it("puts context and collapsed rows on both sides, and expandRows restores the hidden lines", () => {
    const after = DEPLOYMENT.replace("order-service:v41", "order-service:v42");
    const hunk = buildDiffRows(diffFile("deployment.yaml", DEPLOYMENT, after).diff, {
      contextLines: 0,
    })[0]?.hunks[0];
    const rows = hunk?.rows ?? [];
    const sides = toSideBySide(rows);
    expect(sides[0]?.left).toMatchObject({ kind: "collapsed", hiddenCount: 3 });
    expect(sides[0]?.right).toBe(sides[0]?.left);
    expect(sides).toHaveLength(3);
    const collapsedAt = rows.flatMap((row, index) => (row.kind === "collapsed" ? [index] : []));
    const expanded = expandRows(rows, new Set(collapsedAt));
    expect(expanded).toHaveLength(8);
    expect(expanded.every((row) => row.kind !== "collapsed")).toBe(true);
    expect(expandRows(rows, new Set([collapsedAt[0] ?? -1]))).toHaveLength(6);
  });
});
