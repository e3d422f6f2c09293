import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../errors";
import type { TFileWrite } from "../schemas";
import { formatCommitMessage } from "./format-commit-message";
import { getCredentialEnv } from "./git-askpass";
import { redactCredentials, splitRepoCredentials } from "./redact-credentials";
import { GitCommandError, runGit, type TGitContext, toRemoteError } from "./run-git";
import type { TExecutor, TExecutorRequest, TExecutorResult, TGitOpsConfig } from "./schemas";
import { serialiseByKey } from "./serialise-by-key";
import { validateWritePath } from "./validate-write-path";

const REMOTE_MOVED =
  /\[rejected\]|non-fast-forward|fetch first|updates were rejected|stale info|cannot lock ref/i;

/**
 * Commits each remediation to a Git repository and pushes it, for Argo CD / Flux to roll out.
 * Applies sharing a workDir run one at a time; the clone is reset to the remote before each.
 */
export function createGitOpsExecutor(config: TGitOpsConfig): TExecutor {
  // Both reach git's argv: a leading "-" would be read as an option (--upload-pack=…).
  if (config.repoUrl.startsWith("-")) {
    throw new AppError("INTERNAL", "GitOps repository URL must not start with '-'");
  }
  const isBranchName =
    /^[A-Za-z0-9._/-]+$/.test(config.branch) &&
    !config.branch.startsWith("-") &&
    !config.branch.includes("..");
  if (!isBranchName) {
    throw new AppError("INTERNAL", `GitOps branch "${config.branch}" is not a branch name`);
  }
  const embedded = splitRepoCredentials(config.repoUrl);
  const repoUrl = embedded.url;
  const username = config.username || embedded.username;
  const token = config.token || embedded.token;
  const secrets = [token, config.token, embedded.token];
  const remote = redactCredentials(repoUrl, secrets);
  const workDir = path.resolve(config.workDir);
  const baseDir = validateWritePath(config.path, {
    what: "FAULTLINE_GITOPS_PATH",
    allowEmpty: true,
  });
  const branch = config.branch;
  const remoteRef = `refs/remotes/origin/${branch}`;

  async function getContext(): Promise<TGitContext> {
    return {
      cwd: workDir,
      timeoutSeconds: config.timeoutSeconds,
      secrets,
      env: {
        ...(await getCredentialEnv(username, token)),
        GIT_AUTHOR_NAME: config.authorName,
        GIT_AUTHOR_EMAIL: config.authorEmail,
        GIT_COMMITTER_NAME: config.authorName,
        GIT_COMMITTER_EMAIL: config.authorEmail,
      },
    };
  }

  async function ensureClone(git: TGitContext): Promise<void> {
    await fs.mkdir(workDir, { recursive: true });
    const hasClone = await fs.stat(path.join(workDir, ".git")).then(
      () => true,
      () => false,
    );
    if (hasClone) {
      await runGit(git, ["remote", "set-url", "origin", repoUrl]);
      return;
    }
    if ((await fs.readdir(workDir)).length > 0) {
      throw new AppError("INTERNAL", `GitOps workDir ${workDir} is not empty and not a git clone`);
    }
    await runGit(git, ["init", "--quiet", `--initial-branch=${branch}`]);
    await runGit(git, ["remote", "add", "origin", repoUrl]);
  }

  async function fetchRemote(git: TGitContext): Promise<void> {
    try {
      await runGit(git, ["fetch", "--quiet", "--no-tags", "origin", `+${branch}:${remoteRef}`]);
    } catch (error) {
      if (error instanceof GitCommandError && /couldn't find remote ref/i.test(error.stderr)) {
        throw new AppError("INTERNAL", `GitOps remote ${remote} has no branch ${branch}`);
      }
      throw toRemoteError(error, remote);
    }
  }

  async function resetToRemote(git: TGitContext): Promise<void> {
    await runGit(git, ["checkout", "--quiet", "--force", "-B", branch, remoteRef]);
    await runGit(git, ["clean", "--quiet", "-ffdx"]);
  }

  async function writeFiles(writes: TFileWrite[], files: string[]): Promise<void> {
    const realRoot = await fs.realpath(workDir);
    for (const [index, write] of writes.entries()) {
      const target = path.join(workDir, files[index] ?? "");
      const parent = path.dirname(target);
      await fs.mkdir(parent, { recursive: true });
      // A symlinked directory in the repository must not carry a write outside the clone.
      const realParent = await fs.realpath(parent);
      if (realParent !== realRoot && !realParent.startsWith(realRoot + path.sep)) {
        throw new AppError("VALIDATION", `write path "${write.path}" leaves the repository`);
      }
      if (write.content === null) await fs.rm(target, { force: true });
      else await fs.writeFile(target, write.content);
    }
  }

  async function readHead(git: TGitContext): Promise<string> {
    return (await runGit(git, ["rev-parse", "HEAD"])).stdout.trim();
  }

  async function push(git: TGitContext): Promise<void> {
    try {
      await runGit(git, ["push", "--quiet", "origin", `HEAD:refs/heads/${branch}`]);
    } catch (error) {
      const isRemoteMoved = error instanceof GitCommandError && REMOTE_MOVED.test(error.stderr);
      // Either way our commit is dropped: the clone follows the remote's newest head if it can.
      await fetchRemote(git).catch(() => undefined);
      await resetToRemote(git).catch(() => undefined);
      if (isRemoteMoved) {
        throw new AppError(
          "CONFLICT",
          `The remote moved: ${branch} of ${remote} changed since it was fetched; nothing was applied. Review the remediation again.`,
          { cause: error },
        );
      }
      throw toRemoteError(error, remote);
    }
  }

  async function applyLocked(request: TExecutorRequest, files: string[]): Promise<TExecutorResult> {
    const git = await getContext();
    await ensureClone(git);
    await fetchRemote(git);
    await resetToRemote(git);
    try {
      await writeFiles(request.writes, files);
    } catch (error) {
      await resetToRemote(git);
      throw error;
    }
    await runGit(git, ["add", "--all"]);
    const diff = await runGit(git, ["diff", "--cached", "--quiet"], [0, 1]);
    const common = {
      executor: "gitops" as const,
      status: "applied" as const,
      files,
      branch,
      remote,
    };
    if (diff.exitCode === 0) {
      const commit = await readHead(git);
      return {
        ...common,
        commit,
        message: `Already in place: ${branch} of ${remote} has these files at ${commit.slice(0, 12)}`,
      };
    }
    const message = formatCommitMessage(request);
    await runGit(git, ["commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message]);
    const commit = await readHead(git);
    await push(git);
    const noun = files.length === 1 ? "file" : "files";
    return {
      ...common,
      commit,
      message: `Committed ${commit.slice(0, 12)} to ${branch} of ${remote} (${files.length} ${noun})`,
    };
  }

  return {
    name: "gitops",
    async apply(request) {
      // Validate before queueing, so a refused path never touches the clone.
      const files = request.writes.map((write) =>
        path.posix.join(baseDir || ".", validateWritePath(write.path)),
      );
      try {
        return await serialiseByKey(workDir, () => applyLocked(request, files));
      } catch (error) {
        if (error instanceof AppError) throw error;
        const detail = redactCredentials(
          error instanceof Error ? error.message : String(error),
          secrets,
        );
        throw new AppError("INTERNAL", `GitOps executor: ${detail}`);
      }
    },
  };
}
