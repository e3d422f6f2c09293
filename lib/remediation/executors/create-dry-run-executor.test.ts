import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { readFixture } from "../fixtures.test-helper";
import { createDryRunExecutor } from "./create-dry-run-executor";
import { executorRequest, makeTempDir } from "./git-test-helper";

const cwd = process.cwd();

describe("createDryRunExecutor", () => {
  it("lists what it would write and touches nothing", async () => {
    const dir = makeTempDir();
    process.chdir(dir);
    try {
      const result = await createDryRunExecutor().apply(
        executorRequest({
          writes: [
            { path: "deploy/frontend.yaml", content: readFixture("online-boutique/frontend.yaml") },
            { path: "deploy/old.yaml", content: null },
          ],
        }),
      );
      expect(result).toEqual({
        executor: "dry-run",
        status: "dry-run",
        message: "Dry run: would write 2 files (deploy/frontend.yaml, delete deploy/old.yaml)",
        files: ["deploy/frontend.yaml", "deploy/old.yaml"],
      });
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses the paths the GitOps executor refuses", async () => {
    const error = await createDryRunExecutor()
      .apply(executorRequest({ writes: [{ path: "../x.yaml", content: "x" }] }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION");
    expect(fs.existsSync(path.join(cwd, "..", "x.yaml"))).toBe(false);
  });
});
