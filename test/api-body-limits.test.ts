import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as importCatalog } from "@/app/api/catalog/import/route";
import { POST as changeStatus } from "@/app/api/incidents/[id]/status/route";
import { POST as rotateSecret } from "@/app/api/integrations/[id]/rotate/route";
import { PATCH as updateIntegration } from "@/app/api/integrations/[id]/route";
import { POST as createIntegration } from "@/app/api/integrations/route";
import { POST as pushSignals } from "@/app/api/signals/route";
import { createTestActor } from "./helpers/auth";
import { bearer, createTestIntegration } from "./helpers/integrations";
import { routeParams } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

const MAX_BYTES = 4096;
vi.stubEnv("FAULTLINE_API_MAX_BYTES", String(MAX_BYTES));

const testDb = provideTestDatabase();
let admin: Record<string, string> = {};
beforeAll(async () => {
  admin = (await createTestActor("admin")).headers;
});

/** A JSON body sent in chunks, with no Content-Length to refuse it by: only counting can. */
function chunkedBody(totalBytes: number, onPull: () => void): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(" ".repeat(1024));
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onPull();
        if (sent >= totalBytes) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
}

function post(body: BodyInit, headers: Record<string, string>, method = "POST"): Request {
  return new Request("http://localhost/api/x", {
    method,
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  } as RequestInit);
}

type Route = {
  name: string;
  maxBytes: number;
  call: (body: BodyInit, headers: Record<string, string>) => Promise<Response>;
};

const ROUTES: Route[] = [
  {
    name: "POST /api/incidents/:id/status",
    maxBytes: MAX_BYTES,
    call: (body, headers) =>
      changeStatus(post(body, { ...admin, ...headers }), routeParams({ id: "1" })),
  },
  {
    name: "POST /api/integrations",
    maxBytes: MAX_BYTES,
    call: (body, headers) => createIntegration(post(body, { ...admin, ...headers })),
  },
  {
    name: "PATCH /api/integrations/:id",
    maxBytes: MAX_BYTES,
    call: (body, headers) =>
      updateIntegration(post(body, { ...admin, ...headers }, "PATCH"), routeParams({ id: "1" })),
  },
  {
    name: "POST /api/integrations/:id/rotate",
    maxBytes: MAX_BYTES,
    call: (body, headers) =>
      rotateSecret(post(body, { ...admin, ...headers }), routeParams({ id: "1" })),
  },
  {
    name: "POST /api/catalog/import",
    maxBytes: 20 * 1024 * 1024,
    call: (body, headers) => importCatalog(post(body, { ...admin, ...headers })),
  },
];

describe.each(ROUTES.map((route) => [route.name, route] as const))("%s", (_name, route) => {
  it("answers 413 to a declared length over the limit, reading nothing", async () => {
    let pulls = 0;
    const response = await route.call(
      chunkedBody(route.maxBytes + 1, () => pulls++),
      { "content-length": String(route.maxBytes + 1) },
    );
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(pulls).toBe(0);
  });

  it("answers 413 to a chunked body as soon as it passes the limit, not after reading it all", async () => {
    let pulls = 0;
    const totalBytes = route.maxBytes * 4;
    const response = await route.call(
      chunkedBody(totalBytes, () => pulls++),
      {},
    );
    expect(response.status).toBe(413);
    // A chunk is 1 KiB: the reader stopped just past the limit.
    expect(pulls).toBeLessThanOrEqual(Math.ceil(route.maxBytes / 1024) + 2);
  });

  it("answers 415 to a body that is not JSON", async () => {
    const response = await route.call("{}", { "content-type": "text/plain" });
    expect(response.status).toBe(415);
  });
});

describe("POST /api/signals", () => {
  it("refuses a bad token before reading the body, and caps the body of a good one", async () => {
    let pulls = 0;
    const unauthorised = await pushSignals(
      post(
        chunkedBody(10, () => pulls++),
        bearer("not-a-signals-token"),
      ),
    );
    expect(unauthorised.status).toBe(401);
    expect(pulls).toBe(0);

    const { secret } = await createTestIntegration("signals");
    const tooLarge = await pushSignals(
      post(
        chunkedBody(MAX_BYTES * 4, () => undefined),
        bearer(secret),
      ),
    );
    expect(tooLarge.status).toBe(413);
    expect(await testDb.db.prisma.signalSample.count()).toBe(0);
  });
});
