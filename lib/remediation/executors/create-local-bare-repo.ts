import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runGit, type TGitContext } from "./run-git";

/**
 * A bare repository at `dir` whose `branch` holds one commit of `initialFiles` (path → text):
 * a GitOps remote for tests and the demo, no server needed.
 */
export async function createLocalBareRepo(
  dir: string,
  options: { branch: string; initialFiles: Record<string, string> },
): Promise<string> {
  const bareDir = path.resolve(dir);
  await fs.mkdir(bareDir, { recursive: true });
  const identity = {
    GIT_AUTHOR_NAME: "Faultline",
    GIT_AUTHOR_EMAIL: "faultline@localhost",
    GIT_COMMITTER_NAME: "Faultline",
    GIT_COMMITTER_EMAIL: "faultline@localhost",
  };
  const context = (cwd: string): TGitContext => ({
    cwd,
    timeoutSeconds: 30,
    env: identity,
    secrets: [],
  });
  await runGit(context(bareDir), [
    "init",
    "--quiet",
    "--bare",
    `--initial-branch=${options.branch}`,
  ]);

  const seedDir = await fs.mkdtemp(path.join(os.tmpdir(), "faultline-seed-"));
  try {
    const seed = context(seedDir);
    await runGit(seed, ["init", "--quiet", `--initial-branch=${options.branch}`]);
    for (const [file, content] of Object.entries(options.initialFiles)) {
      const target = path.join(seedDir, file);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, content);
    }
    await runGit(seed, ["add", "--all"]);
    await runGit(seed, ["commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", "Seed"]);
    await runGit(seed, ["push", "--quiet", bareDir, `HEAD:refs/heads/${options.branch}`]);
  } finally {
    await fs.rm(seedDir, { recursive: true, force: true });
  }
  return bareDir;
}
