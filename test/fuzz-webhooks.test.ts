import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as alertmanager } from "@/app/api/webhooks/alertmanager/route";
import { POST as datadog } from "@/app/api/webhooks/datadog/route";
import { POST as generic } from "@/app/api/webhooks/generic/route";
import { POST as grafana } from "@/app/api/webhooks/grafana/route";
import { POST as pagerduty } from "@/app/api/webhooks/pagerduty/route";
import { POST as pagerdutyEvents } from "@/app/api/webhooks/pagerduty-events/route";
import type { IntegrationKind } from "@/lib/generated/prisma/enums";
import { WEBHOOK_KINDS, type WebhookIntegrationKind } from "@/lib/ingest/webhook-kinds";
import { answerWebhookRequest } from "@/lib/server/node-http";
import { listFixtures, readFixture } from "./helpers/fixtures";
import { bearer, createTestIntegration, pagerdutySignature } from "./helpers/integrations";
import { mutatedJson, mutatedText } from "./helpers/mutate-json";
import { jsonRequest } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

vi.stubEnv("FAULTLINE_RATE_LIMIT_PER_SECOND", "100000");
vi.stubEnv("FAULTLINE_RATE_LIMIT_BURST", "100000");

const testDb = provideTestDatabase();
const JSON_RUNS_PER_ROUTE = 200;
const TEXT_RUNS_PER_ROUTE = 50;

type Route = {
  kind: WebhookIntegrationKind;
  handler: (request: Request) => Promise<Response>;
  fixtures: string[];
  /** Adds the credentials this sender proves itself with. */
  sign: (body: string, secret: string) => { body: string; headers: Record<string, string> };
};

const withBearer = (body: string, secret: string) => ({ body, headers: bearer(secret) });
const GENERIC_EXAMPLE = JSON.stringify({
  alerts: [
    {
      name: "NightlyBackupFailed",
      service: "billing-db",
      severity: "critical",
      labels: { host: "db-1" },
    },
  ],
});

const ROUTES: Route[] = [
  {
    kind: "alertmanager",
    handler: alertmanager,
    fixtures: listFixtures("webhooks/alertmanager").map(readFixture),
    sign: withBearer,
  },
  {
    kind: "grafana",
    handler: grafana,
    fixtures: listFixtures("webhooks/grafana").map(readFixture),
    sign: withBearer,
  },
  {
    kind: "datadog",
    handler: datadog,
    fixtures: listFixtures("webhooks/datadog").map(readFixture),
    sign: withBearer,
  },
  { kind: "generic", handler: generic, fixtures: [GENERIC_EXAMPLE], sign: withBearer },
  {
    kind: "pagerduty",
    handler: pagerduty,
    fixtures: listFixtures("webhooks/pagerduty-v3").map(readFixture),
    sign: (body, secret) => ({ body, headers: pagerdutySignature(secret, body) }),
  },
  {
    kind: "pagerduty_events",
    handler: pagerdutyEvents,
    fixtures: listFixtures("webhooks/pagerduty-events-v2").map(readFixture),
    // The routing key rides in the body; a mutation may have removed it (then 401 is right).
    sign: (body, secret) => ({
      body: body.replaceAll('"samplekeyhere"', JSON.stringify(secret)),
      headers: {},
    }),
  },
];

const secrets = new Map<IntegrationKind, string>();
// The production server's webhook path (faultline serve answers these posts without Next), on an
// ephemeral port in this process, so it writes to this test's database.
let nodeServer: http.Server;
let nodeBaseUrl = "";
beforeAll(async () => {
  for (const route of ROUTES)
    secrets.set(route.kind, (await createTestIntegration(route.kind)).secret);
  nodeServer = http.createServer((request, response) => {
    if (!answerWebhookRequest(request, response)) response.writeHead(404).end();
  });
  nodeServer.listen(0, "127.0.0.1");
  await new Promise((resolve) => nodeServer.once("listening", resolve));
  nodeBaseUrl = `http://127.0.0.1:${(nodeServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => nodeServer?.close(resolve));
});

type Transport = "next route handler" | "faultline serve";
const TRANSPORTS: Transport[] = ["next route handler", "faultline serve"];

/** Posts through the Next handler itself, or over real HTTP to the plain-Node webhook path. */
async function send(transport: Transport, route: Route, request: Request): Promise<Response> {
  if (transport === "next route handler") return route.handler(request);
  return fetch(`${nodeBaseUrl}${WEBHOOK_KINDS[route.kind].path}`, {
    method: "POST",
    headers: request.headers,
    body: await request.arrayBuffer(),
  });
}

async function countRows() {
  const prisma = testDb.db.prisma;
  const [deliveries, alerts, changes] = await Promise.all([
    prisma.rawDelivery.count(),
    prisma.alert.count(),
    prisma.changeEvent.count(),
  ]);
  return { deliveries, alerts, changes };
}

const CLIENT_ERRORS = [400, 401, 413, 415, 422];

/** One request: never a 5xx; a refusal writes nothing; an acceptance writes its delivery. */
async function checkOneRequest(transport: Transport, route: Route, rawBody: string): Promise<void> {
  const { body, headers } = route.sign(rawBody, secrets.get(route.kind) ?? "");
  const before = await countRows();
  const request = jsonRequest(`/api/webhooks/${route.kind}`, body, headers);
  const response = await send(transport, route, request);
  const answer = await response.json();
  const after = await countRows();
  if (transport === "faultline serve")
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  if (response.status === 202) {
    const isDuplicate = answer.isDuplicate === true || answer.deliveryId === null;
    expect(after.deliveries).toBe(before.deliveries + (isDuplicate ? 0 : 1));
    expect(after.alerts).toBeGreaterThanOrEqual(before.alerts);
  } else {
    expect(CLIENT_ERRORS, `${response.status}: ${JSON.stringify(answer)}`).toContain(
      response.status,
    );
    expect(answer.error).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect(after).toEqual(before);
  }
}

describe.each(
  TRANSPORTS.flatMap((transport) => ROUTES.map((route) => [route.kind, transport, route] as const)),
)("POST /api/webhooks/%s through the %s, fuzzed", (_kind, transport, route) => {
  it("answers mutated real payloads with 202 or a clear 4xx, and never writes half a delivery", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...route.fixtures).chain((text) => mutatedJson(JSON.parse(text))),
        async (payload) => checkOneRequest(transport, route, JSON.stringify(payload) ?? "null"),
      ),
      { numRuns: JSON_RUNS_PER_ROUTE },
    );
  }, 120_000);

  it("answers broken JSON text with 400 and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...route.fixtures).chain(mutatedText), async (text) =>
        checkOneRequest(transport, route, text),
      ),
      { numRuns: TEXT_RUNS_PER_ROUTE },
    );
  }, 120_000);
});
