// The production server. Webhook posts are answered by plain Node HTTP straight into lib/ingest:
// on that hot path Next's per-request work costs more than storing the alerts. Everything else,
// pages and the rest of the API, is Next.
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { CLIENT_IP_HEADER } from "../lib/auth/read-client-ip";
import { answerMalformedPath, answerWebhookRequest } from "../lib/server/node-http";
import { startBackgroundWork } from "../lib/server-start";

export async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: process.env.PORT ?? "3000" },
      hostname: { type: "string" },
    },
  });
  const port = Number(values.port);
  const hostname = values.hostname;

  // Migrates the database and starts correlating; Next's instrumentation then finds it done.
  await startBackgroundWork();
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((request, response) => {
    if (answerWebhookRequest(request, response) || answerMalformedPath(request, response)) return;
    // The peer's address, for sign-in limits and the audit log; a client cannot set it.
    request.headers[CLIENT_IP_HEADER] = request.socket.remoteAddress ?? "";
    void handleWithNext(request, response);
  });
  server.listen(port, hostname, () => {
    console.log(`[faultline] ready on http://${hostname ?? "localhost"}:${port}`);
  });
  const closed = new Promise((resolve) => server.once("close", resolve));

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close();
      process.exit(0);
    });
  }
  await closed;
}
