import type { Env } from "../env";
import { splitRepoCredentials } from "./executors/redact-credentials";

export type TExecutorTarget = { name: "dry-run" | "gitops"; description: string };

/** Where an apply goes, in words for the confirm dialog; a repository URL without credentials. */
export function describeExecutorTarget(env: Env): TExecutorTarget {
  if (env.FAULTLINE_EXECUTOR !== "gitops" || !env.FAULTLINE_GITOPS_REPO)
    return { name: "dry-run", description: "a dry run: nothing is written; the apply is recorded" };
  // The URL the GitOps executor itself reports as its remote: credentials taken out.
  const repo = splitRepoCredentials(env.FAULTLINE_GITOPS_REPO).url;
  const path = env.FAULTLINE_GITOPS_PATH ? `/${env.FAULTLINE_GITOPS_PATH}` : "";
  return {
    name: "gitops",
    description: `a commit pushed to ${repo}, branch ${env.FAULTLINE_GITOPS_BRANCH}${path ? `, under ${path}` : ""}`,
  };
}
