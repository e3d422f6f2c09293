import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postAlertmanager } from "@/app/api/webhooks/alertmanager/route";
import { POST as postGeneric } from "@/app/api/webhooks/generic/route";
import { POST as postGrafana } from "@/app/api/webhooks/grafana/route";
import { POST as postPagerduty } from "@/app/api/webhooks/pagerduty/route";
import { POST as postPagerdutyEvents } from "@/app/api/webhooks/pagerduty-events/route";
import { getCliContext } from "@/lib/auth/get-cli-context";
import { forgetCachedSecrets } from "@/lib/integrations/authenticate-webhook";
import {
  rotateIntegrationSecret,
  setIntegrationEnabled,
} from "@/lib/integrations/manage-integrations";
import { hmacHex } from "@/lib/integrations/verify-credentials";
import { readFixture } from "./helpers/fixtures";
import { bearer, createTestIntegration, pagerdutySignature } from "./helpers/integrations";
import { jsonRequest } from "./helpers/requests";
import { provideTestDatabase } from "./helpers/test-database";

// A small budget so the limit is reachable in a test; read once, at the first webhook call.
vi.stubEnv("FAULTLINE_RATE_LIMIT_PER_SECOND", "1");
vi.stubEnv("FAULTLINE_RATE_LIMIT_BURST", "40");

const testDb = provideTestDatabase();
const alertmanagerBody = readFixture("webhooks/alertmanager/firing_grouped_teams_proxy.json");
let alertmanager = { id: 0, secret: "" };

beforeAll(async () => {
  alertmanager = await createTestIntegration("alertmanager");
});

const UNAUTHORIZED = {
  error: { code: "UNAUTHORIZED", message: "Missing or invalid credentials." },
};

async function expectUnauthorized(response: Response) {
  expect(response.status).toBe(401);
  // The same answer whatever was wrong, so a caller learns nothing about our secrets.
  expect(await response.json()).toEqual(UNAUTHORIZED);
}

describe("webhook authentication", () => {
  it("refuses a request without credentials, or with a wrong token, alike, and stores nothing", async () => {
    const before = await testDb.db.prisma.rawDelivery.count();
    await expectUnauthorized(await postAlertmanager(jsonRequest("/x", alertmanagerBody)));
    await expectUnauthorized(
      await postAlertmanager(jsonRequest("/x", alertmanagerBody, bearer("wrong-token"))),
    );
    await expectUnauthorized(
      await postAlertmanager(
        jsonRequest("/x", alertmanagerBody, bearer(`${alertmanager.secret}x`)),
      ),
    );
    expect(await testDb.db.prisma.rawDelivery.count()).toBe(before);
  });

  it("takes a bearer token or basic auth (any user name, the secret as password)", async () => {
    expect(
      (await postAlertmanager(jsonRequest("/x", alertmanagerBody, bearer(alertmanager.secret))))
        .status,
    ).toBe(202);
    const basic = `Basic ${Buffer.from(`alertmanager:${alertmanager.secret}`).toString("base64")}`;
    expect(
      (await postAlertmanager(jsonRequest("/x", alertmanagerBody, { authorization: basic })))
        .status,
    ).toBe(202);
  });

  it("does not accept one webhook's secret on another webhook", async () => {
    const generic = await createTestIntegration("generic");
    await expectUnauthorized(
      await postAlertmanager(jsonRequest("/x", alertmanagerBody, bearer(generic.secret))),
    );
  });

  it("stops accepting a disabled integration at once", async () => {
    const integration = await createTestIntegration("alertmanager");
    await setIntegrationEnabled(getCliContext(), integration.id, false);
    await expectUnauthorized(
      await postAlertmanager(jsonRequest("/x", alertmanagerBody, bearer(integration.secret))),
    );
  });

  it("accepts old and new secrets during rotation, and only the new one after the grace period", async () => {
    const integration = await createTestIntegration("alertmanager");
    const rotated = await rotateIntegrationSecret(getCliContext(), integration.id, {
      graceHours: 1,
    });
    const post = (secret: string) =>
      postAlertmanager(jsonRequest("/x", alertmanagerBody, bearer(secret)));
    expect((await post(integration.secret)).status).toBe(202);
    expect((await post(rotated.secret)).status).toBe(202);

    await testDb.db.prisma.integrationSecret.updateMany({
      where: { integrationId: integration.id, expiresAt: { not: null } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    forgetCachedSecrets();
    await expectUnauthorized(await post(integration.secret));
    expect((await post(rotated.secret)).status).toBe(202);
  });

  it("verifies PagerDuty's HMAC signature, accepting any of several v1 signatures", async () => {
    const pagerduty = await createTestIntegration("pagerduty");
    const body = readFixture("webhooks/pagerduty-v3/edge_unknown_event_type.json");
    const post = (headers: Record<string, string>) =>
      postPagerduty(jsonRequest("/x", body, headers));
    expect((await post(pagerdutySignature(pagerduty.secret, body))).status).toBe(202);
    const rotating = `v1=${hmacHex("an-older-secret-000000", body)}, v1=${hmacHex(pagerduty.secret, body)}`;
    expect((await post({ "x-pagerduty-signature": rotating })).status).toBe(202);
    await expectUnauthorized(await post(pagerdutySignature(pagerduty.secret, `${body} `)));
    await expectUnauthorized(await post({ "x-pagerduty-signature": "v1=deadbeef" }));
    // PagerDuty's webhook does not take a bearer token: only the signature proves it.
    await expectUnauthorized(await post(bearer(pagerduty.secret)));
  });

  it("verifies Grafana's HMAC signature, with and without its timestamp header", async () => {
    const grafana = await createTestIntegration("grafana");
    const body = readFixture("webhooks/grafana/firing_mixed_grafana9.json");
    const post = (headers: Record<string, string>) => postGrafana(jsonRequest("/x", body, headers));
    expect(
      (await post({ "x-grafana-alerting-signature": hmacHex(grafana.secret, body) })).status,
    ).toBe(202);
    const nowSeconds = Math.floor(Date.now() / 1000);
    const signedAt = (timestamp: number) => ({
      "x-grafana-alerting-signature": hmacHex(grafana.secret, `${timestamp}:${body}`),
      "x-grafana-alerting-signature-timestamp": String(timestamp),
    });
    const signed = signedAt(nowSeconds);
    expect((await post(signed)).status).toBe(202);
    await expectUnauthorized(
      await post({ ...signed, "x-grafana-alerting-signature-timestamp": String(nowSeconds + 1) }),
    );
  });

  it("refuses a correctly signed Grafana request whose timestamp is too old or too far ahead", async () => {
    const grafana = await createTestIntegration("grafana");
    const body = readFixture("webhooks/grafana/firing_mixed_grafana9.json");
    const postSignedAt = (timestamp: number) =>
      postGrafana(
        jsonRequest("/x", body, {
          "x-grafana-alerting-signature": hmacHex(grafana.secret, `${timestamp}:${body}`),
          "x-grafana-alerting-signature-timestamp": String(timestamp),
        }),
      );
    const nowSeconds = Math.floor(Date.now() / 1000);
    // FAULTLINE_GRAFANA_SIGNATURE_MAX_AGE_SECONDS defaults to five minutes.
    await expectUnauthorized(await postSignedAt(nowSeconds - 301));
    await expectUnauthorized(await postSignedAt(nowSeconds + 301));
    await expectUnauthorized(await postSignedAt(1732370000));
    expect((await postSignedAt(nowSeconds - 240)).status).toBe(202);
  });

  it("refuses a bad header token before reading the body, and a bad signature before parsing it", async () => {
    let pulls = 0;
    // highWaterMark 0: the stream is pulled only when someone reads the body.
    const untouchedBody = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          controller.enqueue(new TextEncoder().encode(alertmanagerBody));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: untouchedBody,
      headers: { "content-type": "application/json", authorization: "Bearer wrong-token" },
      duplex: "half",
    } as RequestInit);
    await expectUnauthorized(await postAlertmanager(request));
    expect(pulls).toBe(0);
    // Over the size limit and of the wrong type, but unauthenticated first.
    await expectUnauthorized(
      await postAlertmanager(
        new Request("http://localhost/x", {
          method: "POST",
          body: "x".repeat(2 * 1024 * 1024),
          headers: { "content-type": "text/plain", authorization: "Bearer wrong-token" },
        }),
      ),
    );
    // A signature needs the body, read within its limit; a forged one is refused before parsing.
    const pagerduty = await createTestIntegration("pagerduty");
    await expectUnauthorized(
      await postPagerduty(
        jsonRequest("/x", '{"event": [', pagerdutySignature("not-the-secret-000", '{"event": [')),
      ),
    );
    const malformed = await postPagerduty(
      jsonRequest("/x", '{"event": [', pagerdutySignature(pagerduty.secret, '{"event": [')),
    );
    expect(malformed.status).toBe(400);
  });

  it("verifies our own X-Faultline-Signature on the generic webhook", async () => {
    const generic = await createTestIntegration("generic");
    const body = JSON.stringify({ alerts: [{ name: "Signed", service: "signer" }] });
    const post = (signature: string) =>
      postGeneric(jsonRequest("/x", body, { "x-faultline-signature": signature }));
    expect((await post(`sha256=${hmacHex(generic.secret, body)}`)).status).toBe(202);
    await expectUnauthorized(await post(`sha256=${hmacHex("not-the-secret-000", body)}`));
  });

  it("takes the PagerDuty Events API routing_key from the body, and nothing else from there", async () => {
    const events = await createTestIntegration("pagerduty_events");
    const event = {
      event_action: "trigger",
      payload: { summary: "x", source: "y", severity: "info" },
    };
    const post = (routingKey: string) =>
      postPagerdutyEvents(jsonRequest("/x", { ...event, routing_key: routingKey }));
    expect((await post(events.secret)).status).toBe(202);
    await expectUnauthorized(await post("R0UT1NGKEY-WRONG"));
    const malformed = await postPagerdutyEvents(jsonRequest("/x", "{not json"));
    expect(malformed.status).toBe(400);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once an integration has used its budget, and other integrations still pass", async () => {
    const busy = await createTestIntegration("alertmanager");
    const post = (secret: string) =>
      postAlertmanager(jsonRequest("/x", alertmanagerBody, bearer(secret)));
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await post(busy.secret)).status);
    expect(statuses.filter((status) => status === 202).length).toBeGreaterThanOrEqual(40);
    const limited = await post(busy.secret);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");

    const other = await createTestIntegration("alertmanager");
    expect((await post(other.secret)).status).toBe(202);
  });
});
