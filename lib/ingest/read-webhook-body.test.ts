import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  parseJsonBody,
  pickDeliveryHeaders,
  readWebhookText,
  sanitizeJson,
} from "./read-webhook-body";

async function readWebhookBody(request: Request, maxBytes: number) {
  const text = await readWebhookText(request, maxBytes);
  return { text, json: parseJsonBody(text) };
}

const post = (
  body: BodyInit,
  headers: Record<string, string> = { "content-type": "application/json" },
) => new Request("http://localhost/api/webhooks/alertmanager", { method: "POST", body, headers });

async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("readWebhookBody", () => {
  it("returns the text and the parsed JSON", async () => {
    const body = await readWebhookBody(post('{"a": [1, "x"]}'), 1024);
    expect(body).toEqual({ text: '{"a": [1, "x"]}', json: { a: [1, "x"] } });
  });

  it("refuses malformed JSON with BAD_REQUEST", async () => {
    expect(await errorCodeOf(readWebhookBody(post('{"alerts": ['), 1024))).toBe("BAD_REQUEST");
  });

  it("refuses bytes that are not UTF-8", async () => {
    expect(await errorCodeOf(readWebhookBody(post(new Uint8Array([0x7b, 0xff, 0x7d])), 1024))).toBe(
      "BAD_REQUEST",
    );
  });

  it("refuses a body over the limit, whether or not the sender declared its length", async () => {
    const big = `{"pad":"${"x".repeat(2_000)}"}`;
    expect(await errorCodeOf(readWebhookBody(post(big), 1_000))).toBe("PAYLOAD_TOO_LARGE");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("x".repeat(200)));
        controller.close();
      },
    });
    const streamed = new Request("http://localhost/x", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(streamed.headers.get("content-length")).toBeNull();
    expect(await errorCodeOf(readWebhookBody(streamed, 1_000))).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses other content types with UNSUPPORTED_MEDIA_TYPE but takes JSON variants", async () => {
    expect(
      await errorCodeOf(
        readWebhookBody(post("a=1", { "content-type": "application/x-www-form-urlencoded" }), 99),
      ),
    ).toBe("UNSUPPORTED_MEDIA_TYPE");
    await expect(
      readWebhookBody(post("{}", { "content-type": "application/json; charset=utf-8" }), 99),
    ).resolves.toBeTruthy();
    await expect(
      readWebhookBody(post("{}", { "content-type": "application/vnd.api+json" }), 99),
    ).resolves.toBeTruthy();
  });
});

describe("sanitizeJson", () => {
  it("replaces NUL and lone surrogates, which PostgreSQL cannot store, in keys and values", () => {
    const parsed = JSON.parse('{"a\\u0000": ["x\\u0000y", "\\ud800"], "n": 1}');
    expect(sanitizeJson(parsed)).toEqual({ "a\uFFFD": ["x\uFFFDy", "\uFFFD"], n: 1 });
  });

  it("keeps a __proto__ key as plain data", () => {
    const cleaned = sanitizeJson(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("pickDeliveryHeaders", () => {
  it("keeps tracing headers and never credentials", () => {
    const kept = pickDeliveryHeaders(
      new Headers({
        "content-type": "application/json",
        "user-agent": "Alertmanager/0.25.0",
        authorization: "Bearer secret",
        "x-pagerduty-signature": "v1=abc",
        cookie: "a=b",
      }),
    );
    expect(kept).toEqual({
      "content-type": "application/json",
      "user-agent": "Alertmanager/0.25.0",
    });
  });
});
