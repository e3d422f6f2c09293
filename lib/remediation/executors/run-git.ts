import { spawn } from "node:child_process";
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

// What git, ssh and curl need from this process's environment; the rest (FAULTLINE_SECRET_KEY,
// DATABASE_URL, the token's own variable) stays out of git's.
const INHERITED_ENV = [
  "PATH",
  "HOME",
  "TMPDIR",
  "SSH_AUTH_SOCK",
  "GIT_SSH_COMMAND",
  "GIT_SSL_CAINFO",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "CURL_CA_BUNDLE",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
];

function getGitEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: process.env.NODE_ENV };
  for (const name of INHERITED_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return {
    ...env,
    // Never wait for a human at a prompt, nor read the operator's own git config.
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GCM_INTERACTIVE: "never",
    LC_ALL: "C",
    ...extra,
  };
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
    // Its own process group, so a timeout also ends git-remote-http/ssh, not only git.
    const child = spawn("git", args, {
      cwd: context.cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: getGitEnv(context.env),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let isTimeout = false;
    const timer = setTimeout(() => {
      isTimeout = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, context.timeoutSeconds * 1000);

    const fail = (exitCode: number | null, errorText: string) => {
      const cleanStderr = redactCredentials(errorText.trim(), context.secrets);
      const what = `git ${args[0] ?? ""}`;
      const message = isTimeout
        ? `${what} timed out after ${context.timeoutSeconds}s`
        : `${what} failed (exit ${exitCode ?? "?"}): ${cleanStderr || "no output"}`;
      reject(new GitCommandError(message, cleanStderr, exitCode, isTimeout));
    };
    child.on("error", (error) => {
      clearTimeout(timer);
      fail(null, error.message);
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      const errorText = Buffer.concat(stderr).toString("utf8");
      if (!isTimeout && exitCode !== null && allowedExitCodes.includes(exitCode)) {
        resolve({ stdout: Buffer.concat(stdout).toString("utf8"), stderr: errorText, exitCode });
        return;
      }
      fail(exitCode, errorText);
    });
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
