import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { readFixture } from "../fixtures.test-helper";
import { createGitOpsExecutor } from "./create-git-ops-executor";
import { createLocalBareRepo } from "./create-local-bare-repo";
import { startGitHttpServer } from "./git-http-test-server";
import { executorRequest, git, gitOpsConfig, makeTempDir } from "./git-test-helper";

const TOKEN = "glpat-realTokenForTheHttpRemote42";
const FRONTEND = readFixture("online-boutique/frontend.yaml");

let root: string;
let bare: string;
let server: Awaited<ReturnType<typeof startGitHttpServer>>;

beforeEach(async () => {
  root = makeTempDir();
  bare = await createLocalBareRepo(path.join(root, "repos", "manifests.git"), {
    branch: "main",
    initialFiles: { "frontend.yaml": FRONTEND },
  });
  server = await startGitHttpServer({
    projectRoot: path.join(root, "repos"),
    username: "faultline-bot",
    token: TOKEN,
  });
});

afterEach(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const request = executorRequest({
  service: "frontend",
  summary: "Scale frontend to 3 replicas",
  writes: [
    {
      path: "frontend.yaml",
      content: FRONTEND.replace("kind: Deployment", "kind: Deployment\n# scaled"),
    },
  ],
});

describe("createGitOpsExecutor over authenticated HTTP", () => {
  it("pushes with the token from config, which stays out of the clone and the result", async () => {
    const workDir = path.join(root, "clone");
    const executor = createGitOpsExecutor(
      gitOpsConfig({
        repoUrl: `${server.url}/manifests.git`,
        workDir,
        path: "",
        username: "faultline-bot",
        token: TOKEN,
      }),
    );

    const result = await executor.apply(request);

    expect(result.commit).toBe(git(bare, "rev-parse", "main"));
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(fs.readFileSync(path.join(workDir, ".git", "config"), "utf8")).not.toContain(TOKEN);
    expect(server.seenAuthorizations.some((header) => header.startsWith("Basic "))).toBe(true);
  });

  it("takes the credentials out of a URL that carries them", async () => {
    const workDir = path.join(root, "clone");
    const url = server.url.replace("http://", `http://faultline-bot:${TOKEN}@`);
    const result = await createGitOpsExecutor(
      gitOpsConfig({ repoUrl: `${url}/manifests.git`, workDir, path: "" }),
    ).apply(request);

    expect(result.remote).toBe(`${server.url}/manifests.git`);
    expect(fs.readFileSync(path.join(workDir, ".git", "config"), "utf8")).not.toContain(TOKEN);
  });

  it("reports a refused token without showing it", async () => {
    const wrong = "glpat-wrongTokenNobodyShouldSee";
    const error = await createGitOpsExecutor(
      gitOpsConfig({
        repoUrl: `${server.url}/manifests.git`,
        workDir: path.join(root, "clone"),
        username: "faultline-bot",
        token: wrong,
      }),
    )
      .apply(request)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/refused the credentials/);
    const cause = (error as AppError).cause;
    expect(
      `${(error as AppError).message} ${cause instanceof Error ? cause.message : ""}`,
    ).not.toContain(wrong);
  });
});
