import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TExecutorRequest, TGitOpsConfig } from "./schemas";

const IDENTITY = {
  GIT_AUTHOR_NAME: "Someone Else",
  GIT_AUTHOR_EMAIL: "someone@example.com",
  GIT_COMMITTER_NAME: "Someone Else",
  GIT_COMMITTER_EMAIL: "someone@example.com",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
};

/** Runs git in `cwd` for a test's own checks; returns trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...IDENTITY },
  }).trim();
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "faultline-executor-test-"));
}

export function gitOpsConfig(
  overrides: Partial<TGitOpsConfig> & { repoUrl: string; workDir: string },
): TGitOpsConfig {
  return {
    branch: "main",
    path: "deploy",
    authorName: "Faultline",
    authorEmail: "faultline@localhost",
    timeoutSeconds: 20,
    ...overrides,
  };
}

export function executorRequest(overrides: Partial<TExecutorRequest> = {}): TExecutorRequest {
  return {
    remediationId: 7,
    incidentId: 42,
    incidentUrl: "https://faultline.example.com/incidents/42",
    service: "orders",
    kind: "rollback",
    diffHash: "sha256:3f1c0e",
    summary: "Roll back orders to 0.4.7",
    writes: [],
    ...overrides,
  };
}
