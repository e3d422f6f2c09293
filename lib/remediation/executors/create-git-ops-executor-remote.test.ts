import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { createGitOpsExecutor } from "./create-git-ops-executor";
import { executorRequest, gitOpsConfig, makeTempDir } from "./git-test-helper";

const URL_TOKEN = "ghp_urlEmbeddedToken1234567890";
const CONFIG_TOKEN = "ghp_configToken0987654321abcd";

let root: string;
let workDir: string;
const servers: net.Server[] = [];
const sockets: net.Socket[] = [];

beforeEach(() => {
  root = makeTempDir();
  workDir = path.join(root, "clone");
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
  fs.rmSync(root, { recursive: true, force: true });
});

/** A port nothing listens on: bound, then released. */
async function getClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Accepts connections and never answers. */
async function startSilentServer(): Promise<number> {
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

async function getAppError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function describeError(error: AppError): string {
  const cause = error.cause instanceof Error ? `${error.cause.message} ${error.cause.stack}` : "";
  return `${error.message} ${error.stack} ${cause} ${JSON.stringify(error)}`;
}

const request = executorRequest({ writes: [{ path: "orders.yaml", content: "x: 1\n" }] });

describe("createGitOpsExecutor against an unreachable remote", () => {
  it("answers UNAVAILABLE for a missing local remote", async () => {
    const executor = createGitOpsExecutor(
      gitOpsConfig({ repoUrl: path.join(root, "missing.git"), workDir }),
    );
    const error = await getAppError(executor.apply(request));
    expect(error.code).toBe("UNAVAILABLE");
  });

  it("answers UNAVAILABLE for a closed port, and never shows the token", async () => {
    const port = await getClosedPort();
    const executor = createGitOpsExecutor(
      gitOpsConfig({
        repoUrl: `http://faultline-bot:${URL_TOKEN}@127.0.0.1:${port}/org/manifests.git`,
        workDir,
        username: "faultline-bot",
        token: CONFIG_TOKEN,
      }),
    );

    const error = await getAppError(executor.apply(request));

    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain(`http://127.0.0.1:${port}/org/manifests.git`);
    const text = describeError(error);
    expect(text).not.toContain(URL_TOKEN);
    expect(text).not.toContain(CONFIG_TOKEN);
    // The clone's own config keeps the URL without credentials.
    expect(fs.readFileSync(path.join(workDir, ".git", "config"), "utf8")).not.toContain(URL_TOKEN);
  });

  it("answers UNAVAILABLE when the remote does not answer within the timeout", async () => {
    const port = await startSilentServer();
    const executor = createGitOpsExecutor(
      gitOpsConfig({
        repoUrl: `http://127.0.0.1:${port}/org/manifests.git`,
        workDir,
        token: CONFIG_TOKEN,
        timeoutSeconds: 1,
      }),
    );
    const error = await getAppError(executor.apply(request));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toMatch(/did not answer in time/);
    expect(describeError(error)).not.toContain(CONFIG_TOKEN);
  });
});
