import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { CONTAINER, editManifest, readFixture } from "../fixtures.test-helper";
import { createGitOpsExecutor } from "./create-git-ops-executor";
import { createLocalBareRepo } from "./create-local-bare-repo";
import { executorRequest, git, gitOpsConfig, makeTempDir } from "./git-test-helper";

const ORDERS = readFixture("sock-shop/11-orders-dep.yaml");
const CARTS = readFixture("sock-shop/01-carts-dep.yaml");
const ORDERS_ROLLED_BACK = editManifest(ORDERS, (doc) => {
  doc.setIn([...CONTAINER, "image"], "weaveworksdemos/orders:0.4.6");
});

let root: string;
let bare: string;
let workDir: string;

beforeEach(async () => {
  root = makeTempDir();
  workDir = path.join(root, "clone");
  bare = await createLocalBareRepo(path.join(root, "remote.git"), {
    branch: "main",
    initialFiles: { "deploy/orders.yaml": ORDERS, "deploy/carts.yaml": CARTS, "README.md": "x\n" },
  });
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function getAppError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("createGitOpsExecutor", () => {
  it("commits the writes under path/ with the trailers, pushes, and reports the commit", async () => {
    const executor = createGitOpsExecutor(gitOpsConfig({ repoUrl: bare, workDir }));
    const result = await executor.apply(
      executorRequest({
        writes: [
          { path: "orders.yaml", content: ORDERS_ROLLED_BACK },
          { path: "carts.yaml", content: null },
        ],
      }),
    );

    expect(result).toMatchObject({
      executor: "gitops",
      status: "applied",
      files: ["deploy/orders.yaml", "deploy/carts.yaml"],
      branch: "main",
      remote: bare,
      commit: git(bare, "rev-parse", "main"),
    });
    expect(git(bare, "show", "main:deploy/orders.yaml")).toBe(ORDERS_ROLLED_BACK.trim());
    expect(`${git(bare, "cat-file", "blob", "main:deploy/orders.yaml")}\n`).toBe(
      ORDERS_ROLLED_BACK,
    );
    expect(git(bare, "ls-tree", "-r", "--name-only", "main")).toBe("README.md\ndeploy/orders.yaml");

    const message = git(bare, "log", "-1", "--format=%B", "main");
    expect(message.split("\n")[0]).toBe("Roll back orders to 0.4.7");
    const trailers = git(bare, "log", "-1", "--format=%(trailers:only,unfold)", "main");
    expect(trailers.split("\n")).toEqual([
      "Faultline-Incident: https://faultline.example.com/incidents/42",
      "Faultline-Remediation: 7",
      "Faultline-Diff-Hash: sha256:3f1c0e",
    ]);
    expect(git(bare, "log", "-1", "--format=%an <%ae>", "main")).toBe(
      "Faultline <faultline@localhost>",
    );
  });

  it("names the incident by id when it has no URL, and writes at the root when path is empty", async () => {
    const executor = createGitOpsExecutor(gitOpsConfig({ repoUrl: bare, workDir, path: "" }));
    const result = await executor.apply(
      executorRequest({
        incidentUrl: null,
        writes: [{ path: "deploy/orders.yaml", content: ORDERS_ROLLED_BACK }],
      }),
    );
    expect(result.files).toEqual(["deploy/orders.yaml"]);
    expect(git(bare, "log", "-1", "--format=%B", "main")).toContain("Faultline-Incident: 42");
  });

  it("makes no empty commit when the files are already in place", async () => {
    const executor = createGitOpsExecutor(gitOpsConfig({ repoUrl: bare, workDir }));
    const request = executorRequest({
      writes: [{ path: "orders.yaml", content: ORDERS_ROLLED_BACK }],
    });
    const first = await executor.apply(request);
    const commits = git(bare, "rev-list", "--count", "main");

    const second = await executor.apply(request);

    expect(second.status).toBe("applied");
    expect(second.message).toMatch(/already in place/i);
    expect(second.commit).toBe(first.commit);
    expect(git(bare, "rev-list", "--count", "main")).toBe(commits);
  });

  it("refuses with CONFLICT when the remote moved before the push, and follows the remote", async () => {
    const executor = createGitOpsExecutor(gitOpsConfig({ repoUrl: bare, workDir }));
    await executor.apply(executorRequest({ writes: [{ path: "notes.txt", content: "one\n" }] }));

    // Another clone pushes between our fetch and our push: post-commit runs in that window.
    const other = path.join(root, "other");
    git(root, "clone", "--quiet", bare, other);
    const hook = path.join(workDir, ".git", "hooks", "post-commit");
    fs.writeFileSync(
      hook,
      [
        "#!/bin/sh",
        "unset GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_PREFIX",
        `cd '${other}'`,
        "echo 'scaled by hand' > deploy/hand.txt",
        "git add -A && git commit -q -m 'Hand edit' && git push -q origin HEAD:main",
        'rm -f "$0"',
      ].join("\n"),
      { mode: 0o755 },
    );

    const error = await getAppError(
      executor.apply(
        executorRequest({ writes: [{ path: "orders.yaml", content: ORDERS_ROLLED_BACK }] }),
      ),
    );

    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/remote moved/);
    const remoteHead = git(other, "rev-parse", "HEAD");
    expect(git(bare, "rev-parse", "main")).toBe(remoteHead);
    expect(git(bare, "show", "main:deploy/orders.yaml")).toBe(ORDERS.trim());
    expect(git(workDir, "rev-parse", "HEAD")).toBe(remoteHead);
    expect(git(workDir, "status", "--porcelain")).toBe("");

    // Reviewed again, it applies on top of the hand edit.
    const retried = await executor.apply(
      executorRequest({ writes: [{ path: "orders.yaml", content: ORDERS_ROLLED_BACK }] }),
    );
    expect(git(bare, "rev-parse", "main^")).toBe(remoteHead);
    expect(retried.commit).toBe(git(bare, "rev-parse", "main"));
  });

  it("serialises concurrent applies sharing a clone", async () => {
    const executor = createGitOpsExecutor(gitOpsConfig({ repoUrl: bare, workDir }));
    const results = await Promise.all(
      ["a", "b", "c"].map((name) =>
        executor.apply(
          executorRequest({ writes: [{ path: `${name}.txt`, content: `${name}\n` }] }),
        ),
      ),
    );
    expect(new Set(results.map((result) => result.commit)).size).toBe(3);
    expect(git(bare, "rev-list", "--count", "main")).toBe("4");
    expect(git(bare, "show", "main:deploy/c.txt")).toBe("c");
  });

  it("refuses absolute and '..' paths before touching the clone", async () => {
    const executor = createGitOpsExecutor(gitOpsConfig({ repoUrl: bare, workDir }));
    for (const badPath of [
      "../escape.yaml",
      "/etc/passwd",
      "a/../../b.yaml",
      "..",
      ".git/config",
    ]) {
      const error = await getAppError(
        executor.apply(executorRequest({ writes: [{ path: badPath, content: "x" }] })),
      );
      expect(error.code).toBe("VALIDATION");
    }
    expect(fs.existsSync(workDir)).toBe(false);
    expect(fs.existsSync(path.join(root, "escape.yaml"))).toBe(false);
  });

  it("refuses a repository URL or branch git would read as an option", () => {
    for (const bad of [
      { repoUrl: "--upload-pack=touch /tmp/x" },
      { branch: "--orphan" },
      { branch: "a..b" },
    ]) {
      expect(() => createGitOpsExecutor(gitOpsConfig({ repoUrl: bare, workDir, ...bad }))).toThrow(
        AppError,
      );
    }
  });

  it("refuses a write through a symlinked directory that leaves the clone", async () => {
    const outside = path.join(root, "outside");
    fs.mkdirSync(outside);
    const other = path.join(root, "other");
    git(root, "clone", "--quiet", bare, other);
    fs.symlinkSync(outside, path.join(other, "deploy", "link"));
    git(other, "add", "-A");
    git(other, "commit", "-q", "-m", "Add a link");
    git(other, "push", "-q", "origin", "HEAD:main");

    const executor = createGitOpsExecutor(gitOpsConfig({ repoUrl: bare, workDir }));
    const error = await getAppError(
      executor.apply(executorRequest({ writes: [{ path: "link/x.yaml", content: "x" }] })),
    );
    expect(error.code).toBe("VALIDATION");
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});
