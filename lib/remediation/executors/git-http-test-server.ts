import { spawn } from "node:child_process";
import http from "node:http";
import type net from "node:net";
import path from "node:path";

/**
 * Serves the bare repositories under `projectRoot` over smart HTTP through Debian's
 * git-http-backend, behind Basic auth for one user and token: a real remote for credential tests.
 */
export async function startGitHttpServer(options: {
  projectRoot: string;
  username: string;
  token: string;
}): Promise<{ url: string; close: () => Promise<void>; seenAuthorizations: string[] }> {
  const expected = `Basic ${Buffer.from(`${options.username}:${options.token}`).toString("base64")}`;
  const seenAuthorizations: string[] = [];
  const server = http.createServer((request, response) => {
    const authorization = request.headers.authorization ?? "";
    seenAuthorizations.push(authorization);
    if (authorization !== expected) {
      response.writeHead(401, { "www-authenticate": 'Basic realm="git"' }).end();
      return;
    }
    const url = new URL(request.url ?? "/", "http://localhost");
    const backend = spawn("/usr/lib/git-core/git-http-backend", [], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: path.resolve(options.projectRoot),
        GIT_HTTP_EXPORT_ALL: "1",
        REMOTE_USER: options.username,
        REQUEST_METHOD: request.method ?? "GET",
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: request.headers["content-type"] ?? "",
        HTTP_CONTENT_ENCODING: request.headers["content-encoding"] ?? "",
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_CONFIG_NOSYSTEM: "1",
      },
    });
    request.pipe(backend.stdin);
    let buffered = Buffer.alloc(0);
    let isHeaderSent = false;
    backend.stdout.on("data", (chunk: Buffer) => {
      if (isHeaderSent) {
        response.write(chunk);
        return;
      }
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf("\r\n\r\n");
      if (end === -1) return;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of buffered.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === "status") status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      response.writeHead(status, headers);
      response.write(buffered.subarray(end + 4));
      isHeaderSent = true;
    });
    backend.on("close", () => {
      if (!isHeaderSent) response.writeHead(500);
      response.end();
    });
  });
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seenAuthorizations,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}
