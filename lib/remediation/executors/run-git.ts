import { execFile } from "node:child_process";
import { AppError } from "../../errors";
import { redactCredentials } from "./redact-credentials";

export type TGitContext = {
  /** Directory git runs in. */
  cwd: string;
  timeoutSeconds: number;
  /** Extra environment (GIT_ASKPASS and the credentials it reads, author identity). */
  env: Record<string, string>;
  /** Values scrubbed from any text that leaves this module. */
  secrets: readonly (string | undefined)[];
};

export type TGitOutput = { stdout: string; stderr: string; exitCode: number };

/** A failed git command, its output already redacted; kept internal to the executors. */
export class GitCommandError extends Error {
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly isTimeout: boolean;

  constructor(message: string, stderr: string, exitCode: number | null, isTimeout: boolean) {
    super(message);
    this.name = "GitCommandError";
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.isTimeout = isTimeout;
  }
}

/**
 * Runs Debian's git without a shell. Exit codes in `allowedExitCodes` resolve (`diff --quiet`
 * answers 1 for "changed"); anything else rejects with a redacted GitCommandError.
 */
export function runGit(
  context: TGitContext,
  args: string[],
  allowedExitCodes: readonly number[] = [0],
): Promise<TGitOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      {
        cwd: context.cwd,
        timeout: context.timeoutSeconds * 1000,
        killSignal: "SIGKILL",
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          // Never wait for a human at a prompt, nor read the operator's own git config.
          GIT_TERMINAL_PROMPT: "0",
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: "/dev/null",
          GCM_INTERACTIVE: "never",
          LC_ALL: "C",
          ...context.env,
        },
      },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === "number" ? error.code : null) : 0;
        if (exitCode !== null && allowedExitCodes.includes(exitCode)) {
          resolve({ stdout, stderr, exitCode });
          return;
        }
        const isTimeout = Boolean(error?.killed) || error?.signal === "SIGKILL";
        const cleanStderr = redactCredentials(stderr.trim(), context.secrets);
        const what = `git ${args[0] ?? ""}`;
        const message = isTimeout
          ? `${what} timed out after ${context.timeoutSeconds}s`
          : `${what} failed (exit ${exitCode ?? "?"}): ${cleanStderr || "no output"}`;
        reject(new GitCommandError(message, cleanStderr, exitCode, isTimeout));
      },
    );
  });
}

const UNREACHABLE =
  /could not resolve host|failed to connect|connection refused|connection timed out|timed out|could not read from remote repository|unable to access|does not appear to be a git repository|network is unreachable|no route to host|early eof|the remote end hung up/i;
const AUTH_FAILED =
  /authentication failed|could not read (username|password)|returned error: 40[13]|permission denied \(publickey/i;

/** Maps a failed remote operation onto the error catalogue; the message is already redacted. */
export function toRemoteError(error: unknown, remote: string): AppError {
  if (!(error instanceof GitCommandError)) {
    return new AppError("INTERNAL", "GitOps executor failed", { cause: error });
  }
  if (error.isTimeout) {
    return new AppError("UNAVAILABLE", `GitOps remote ${remote} did not answer in time`, {
      retryAfterSeconds: 30,
      cause: error,
    });
  }
  if (AUTH_FAILED.test(error.stderr)) {
    const hint = "check FAULTLINE_GITOPS_USERNAME and FAULTLINE_GITOPS_TOKEN";
    return new AppError("INTERNAL", `GitOps remote ${remote} refused the credentials; ${hint}`, {
      cause: error,
    });
  }
  if (UNREACHABLE.test(error.stderr)) {
    return new AppError("UNAVAILABLE", `GitOps remote ${remote} is unreachable`, {
      retryAfterSeconds: 30,
      cause: error,
    });
  }
  return new AppError("INTERNAL", `GitOps executor: ${error.message}`, { cause: error });
}
