import { describe, expect, it } from "vitest";
import { hashContent } from "../changes/hash-content";
import { computeDiffHash } from "./compute-diff-hash";
import { diffFile } from "./diff-files";

const secret = (password: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${password}\n`;

describe("computeDiffHash", () => {
  const diffs = [diffFile("db.yaml", secret("a"), secret("b"))];
  const base = { "db.yaml": hashContent(secret("a")) };
  const writes = [{ path: "db.yaml", content: secret("b") }];
  const hash = computeDiffHash({ diffs, base, writes });

  it("is stable for the same inputs", () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(computeDiffHash({ diffs: [...diffs], base: { ...base }, writes: [...writes] })).toBe(
      hash,
    );
  });

  it("changes with the base version and with secret content the diff does not show", () => {
    expect(computeDiffHash({ diffs, base: { "db.yaml": hashContent("other") }, writes })).not.toBe(
      hash,
    );
    const other = [{ path: "db.yaml", content: secret("c") }];
    expect(diffFile("db.yaml", secret("a"), secret("c")).diff).toBe(diffs[0]?.diff);
    expect(computeDiffHash({ diffs, base, writes: other })).not.toBe(hash);
  });
});
