import type { TFileWrite } from "../schemas";

export type TExecutorName = "dry-run" | "gitops";

/** One reviewed remediation, ready to apply: the writes plus what the commit/timeline names. */
export type TExecutorRequest = {
  remediationId: number;
  incidentId: number | null;
  incidentUrl: string | null;
  service: string;
  kind: "rollback" | "revert" | "scale" | "toggle";
  diffHash: string;
  /** One line, e.g. "Roll back order-service to v41". */
  summary: string;
  writes: TFileWrite[];
};

export type TExecutorResult = {
  executor: TExecutorName;
  status: "applied" | "dry-run";
  /** A human line for the timeline. */
  message: string;
  /** Paths written (repo-relative for gitops). */
  files: string[];
  /** GitOps only; `remote` has its credentials redacted. */
  commit?: string;
  branch?: string;
  remote?: string;
};

/** Applies a remediation somewhere; a Kubernetes server-side-apply executor can implement it too. */
export type TExecutor = {
  name: TExecutorName;
  apply(request: TExecutorRequest): Promise<TExecutorResult>;
};

export type TGitOpsConfig = {
  /** https://…, ssh, or a local path; credentials embedded in it are moved out of the URL. */
  repoUrl: string;
  branch: string;
  /** Directory inside the repository the writes go under; "" is the root. */
  path: string;
  /** The local clone, reused between applies. */
  workDir: string;
  username?: string;
  /** Secret: reaches git only through GIT_ASKPASS's environment, never argv, logs or results. */
  token?: string;
  authorName: string;
  authorEmail: string;
  /** Per git command. */
  timeoutSeconds: number;
};
