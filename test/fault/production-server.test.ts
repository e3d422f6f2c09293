// The production server (`faultline serve`) answers webhook posts itself, outside Next: this runs
// the real process and checks that path keeps every promise the Next route handlers keep.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppServer,
  createIntegrationViaApi,
  startAppServer,
} from "../../scripts/lib/app-server";
import { ADMIN_HEADERS, ADMIN_TOKEN, SERVER_ENV } from "./fault-helpers";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "webhooks", "alertmanager");
const firing = fs.readFileSync(path.join(FIXTURES, "firing_12_alerts.json"), "utf8");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-serve-"));
const MAX_BYTES = 64 * 1024;

let server: AppServer;
let token: string;

beforeAll(async () => {
  server = await startAppServer({
    port: 3620,
    dataDir,
    env: { ...SERVER_ENV, FAULTLINE_WEBHOOK_MAX_BYTES: String(MAX_BYTES) },
  });
  token = await createIntegrationViaApi(server.baseUrl, ADMIN_TOKEN, "alertmanager");
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}/api/webhooks/alertmanager`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("faultline serve: the webhook path outside Next", () => {
  it("stores a real Alertmanager notification (202) and its incident shows in the API Next serves", async () => {
    const response = await post(firing);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ alertsReceived: 12, alertsCreated: 12 });
    const redelivered = await (await post(firing)).json();
    expect(redelivered.alertsCreated).toBe(0);

    let total = 0;
    for (let i = 0; i < 50 && total < 12; i++) {
      const { incidents } = await (
        await fetch(`${server.baseUrl}/api/incidents`, { headers: ADMIN_HEADERS })
      ).json();
      total = incidents.reduce(
        (sum: number, incident: { alertCount: number }) => sum + incident.alertCount,
        0,
      );
      if (total < 12) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(total).toBe(12);
    expect((await fetch(`${server.baseUrl}/incidents`)).status).toBe(200);
  });

  it("answers bad input with the same typed JSON errors, never a 500", async () => {
    const expectError = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect((await response.json()).error.code).toBe(code);
    };
    await expectError(await post(firing, { authorization: "Bearer wrong" }), 401, "UNAUTHORIZED");
    await expectError(
      await post(firing, { "content-type": "text/plain" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    await expectError(await post('{"alerts": ['), 400, "BAD_REQUEST");
    await expectError(await post('{"version": "4"}'), 422, "VALIDATION");
    await expectError(await post("x".repeat(MAX_BYTES + 1)), 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers with the security headers Next's answers carry, and a malformed path with 404", async () => {
    const webhook = await post(firing, { authorization: "Bearer wrong" });
    expect(webhook.headers.get("x-content-type-options")).toBe("nosniff");
    expect(webhook.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const page = await fetch(`${server.baseUrl}/incidents`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    for (const path of ["/services/%E0%A4%A", "/api/services/%E0%A4%A", "/api/services/%25"]) {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: ADMIN_HEADERS });
      expect(response.status, path).toBe(404);
    }
  });

  it("refuses a chunked body as soon as it passes the limit, and keeps serving", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far past the limit, but finite, should the server read it all.
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await post(endless);
    expect(response.status).toBe(413);
    expect((await post(firing)).status).toBe(202);
  });
});
