import { type Env, getEnv } from "../../env";
import { AppError } from "../../errors";
import { createDryRunExecutor } from "./create-dry-run-executor";
import { createGitOpsExecutor } from "./create-git-ops-executor";
import type { TExecutor } from "./schemas";

/** The executor FAULTLINE_EXECUTOR names, configured from the validated environment. */
export function getExecutor(env: Env = getEnv()): TExecutor {
  switch (env.FAULTLINE_EXECUTOR) {
    case "dry-run":
      return createDryRunExecutor();
    case "gitops": {
      // parseEnv already refuses gitops without a repository; this covers a hand-built Env.
      if (!env.FAULTLINE_GITOPS_REPO) {
        throw new AppError("INTERNAL", "FAULTLINE_EXECUTOR=gitops needs FAULTLINE_GITOPS_REPO");
      }
      return createGitOpsExecutor({
        repoUrl: env.FAULTLINE_GITOPS_REPO,
        branch: env.FAULTLINE_GITOPS_BRANCH,
        path: env.FAULTLINE_GITOPS_PATH,
        workDir: env.FAULTLINE_GITOPS_WORKDIR,
        username: env.FAULTLINE_GITOPS_USERNAME,
        token: env.FAULTLINE_GITOPS_TOKEN,
        authorName: env.FAULTLINE_GITOPS_AUTHOR_NAME,
        authorEmail: env.FAULTLINE_GITOPS_AUTHOR_EMAIL,
        timeoutSeconds: env.FAULTLINE_GITOPS_TIMEOUT_SECONDS,
      });
    }
    default: {
      const exhaustive: never = env.FAULTLINE_EXECUTOR;
      throw new Error(`Unknown executor ${String(exhaustive)}`);
    }
  }
}
