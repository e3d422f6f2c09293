import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { queryPrometheusValue } from "@/lib/signals/query-prometheus";

// Real HTTP servers on loopback, each misbehaving the way a hostile catalog entry could make it.
const ANSWER = JSON.stringify({
  status: "success",
  data: { resultType: "vector", result: [{ value: [1, "0.25"] }] },
});

type Server = { url: string; hits: () => number; close: () => Promise<void> };

async function startServer(handler: http.RequestListener, host = "127.0.0.1"): Promise<Server> {
  let hits = 0;
  const server = http.createServer((request, response) => {
    hits++;
    handler(request, response);
  });
  server.listen(0, host);
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    hits: () => hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let prometheus: Server;
let redirecting: Server;
let huge: Server;
let elsewhere: Server;
let bytesSentByHuge = 0;

beforeAll(async () => {
  prometheus = await startServer((_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(ANSWER);
  });
  redirecting = await startServer((_request, response) => {
    response.writeHead(302, { location: `${prometheus.url}/api/v1/query?query=up` });
    response.end();
  });
  huge = await startServer((_request, response) => {
    // A valid-looking answer that never ends: padding inside a string, 64 KiB at a time.
    response.setHeader("content-type", "application/json");
    response.write('{"status":"success","padding":"');
    const chunk = "x".repeat(64 * 1024);
    const pump = () => {
      while (bytesSentByHuge < 64 * 1024 * 1024 && !response.destroyed) {
        bytesSentByHuge += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      response.end('"}');
    };
    pump();
  });
  // Loopback too, but not one of the addresses the default allowlist names.
  elsewhere = await startServer((_request, response) => response.end(ANSWER), "127.0.0.2");
});

afterAll(async () => {
  await Promise.all([prometheus, redirecting, huge, elsewhere].map((server) => server?.close()));
});

afterEach(() => {
  vi.restoreAllMocks();
});

const quietly = () => vi.spyOn(console, "error").mockImplementation(() => undefined);
let queryNumber = 0;
// Each call its own query, so the 15-second cache never answers for the server.
const query = () => `up{n="${queryNumber++}"}`;

describe("Prometheus queries named by catalog metadata", () => {
  it("reads a value from an allowed host", async () => {
    expect(await queryPrometheusValue(prometheus.url, query())).toBe(0.25);
  });

  it("does not follow a redirect, even to an allowed host", async () => {
    const log = quietly();
    const before = prometheus.hits();
    expect(await queryPrometheusValue(redirecting.url, query())).toBeNull();
    expect(redirecting.hits()).toBe(1);
    expect(prometheus.hits()).toBe(before);
    expect(String(log.mock.calls[0]?.[1])).toContain("302");
  });

  it("stops reading an answer past 1 MiB", async () => {
    const log = quietly();
    expect(await queryPrometheusValue(huge.url, query())).toBeNull();
    expect(String(log.mock.calls[0]?.[1])).toMatch(/exceeds the limit of 1048576 bytes/);
    // The server was cut off long before it had sent its 64 MiB.
    expect(bytesSentByHuge).toBeLessThan(16 * 1024 * 1024);
  });

  it("never contacts a host that is not on the allowlist", async () => {
    const log = quietly();
    expect(await queryPrometheusValue(elsewhere.url, query())).toBeNull();
    expect(
      await queryPrometheusValue("http://169.254.169.254/latest", query(), Date.now()),
    ).toBeNull();
    expect(elsewhere.hits()).toBe(0);
    expect(String(log.mock.calls[0]?.[1])).toContain("FAULTLINE_PROMETHEUS_ALLOWED_HOSTS");
  });

  it("contacts a host once the allowlist names it, and only on the port it names", async () => {
    const host = new URL(elsewhere.url).host;
    expect(await queryPrometheusValue(elsewhere.url, query(), Date.now(), [host])).toBe(0.25);
    expect(elsewhere.hits()).toBe(1);
    quietly();
    expect(
      await queryPrometheusValue(elsewhere.url, query(), Date.now(), ["127.0.0.2:1"]),
    ).toBeNull();
    expect(elsewhere.hits()).toBe(1);
  });
});
