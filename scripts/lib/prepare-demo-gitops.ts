import fs from "node:fs";
import path from "node:path";
import { createLocalBareRepo } from "../../lib/remediation/executors/create-local-bare-repo";
import { buildOrderServiceRelease } from "../../lib/scenarios/order-service-release";

/**
 * `npm run demo -- --gitops`: a local bare repository holding order-service v42, as the repo
 * Argo CD would watch, and the environment that points the GitOps executor at it.
 */
export async function prepareDemoGitOps(
  dataDir: string,
  baseUrl: string,
): Promise<Record<string, string>> {
  const remote = path.resolve(dataDir, "demo-gitops.git");
  if (!fs.existsSync(remote)) {
    const files = buildOrderServiceRelease("v42");
    await createLocalBareRepo(remote, {
      branch: "main",
      initialFiles: Object.fromEntries(files.map((file) => [file.path, file.content])),
    });
  }
  return {
    FAULTLINE_EXECUTOR: "gitops",
    FAULTLINE_GITOPS_REPO: remote,
    FAULTLINE_GITOPS_BRANCH: "main",
    FAULTLINE_GITOPS_WORKDIR: path.resolve(dataDir, "demo-gitops-clone"),
    // So each commit's Faultline-Incident trailer is a link a reviewer can open.
    FAULTLINE_PUBLIC_URL: process.env.FAULTLINE_PUBLIC_URL || baseUrl,
  };
}
