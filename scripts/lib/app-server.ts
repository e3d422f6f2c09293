import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export type AppServer = {
  baseUrl: string;
  process: ChildProcess;
  /** Ends the server with `signal` and waits for it to be gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

const ROOT = path.join(import.meta.dirname, "..", "..");

/**
 * Starts the production server (`faultline serve`) as its own process, on the embedded database in
 * `dataDir` or on PostgreSQL at `databaseUrl`, and waits until /api/health answers.
 */
export async function startAppServer(options: {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  quiet?: boolean;
}): Promise<AppServer> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "bin", "faultline.js"), "serve", "--port", String(options.port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        FAULTLINE_DATA_DIR:
          options.dataDir ?? path.join(ROOT, ".faultline", `server-${options.port}`),
        DATABASE_URL: options.databaseUrl ?? "",
        ...options.env,
      },
      stdio: ["ignore", options.quiet === false ? "inherit" : "ignore", "inherit"],
    },
  );
  const baseUrl = `http://localhost:${options.port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A test or bench that dies must not leave a server behind, burning CPU under later runs.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));
  await waitForHealthy(child, baseUrl, 90);
  return {
    baseUrl,
    process: child,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

async function waitForHealthy(
  child: ChildProcess,
  baseUrl: string,
  timeoutSeconds: number,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`the server at ${baseUrl} did not become healthy within ${timeoutSeconds}s`);
}

/** Creates an integration through the admin API (the server needs FAULTLINE_ADMIN_TOKEN). */
export async function createIntegrationViaApi(
  baseUrl: string,
  adminToken: string,
  kind: string,
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/integrations`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      kind,
      name: `${kind}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    }),
  });
  if (response.status !== 201)
    throw new Error(`creating an integration answered ${response.status}`);
  return (await response.json()).secret;
}
