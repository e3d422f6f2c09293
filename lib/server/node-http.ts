import type { IncomingMessage, ServerResponse } from "node:http";
import type { JsonAnswer } from "../http";
import { answerWebhook, webhookKindOfPath } from "../ingest/answer-webhook";
import { type IncomingBody, payloadTooLarge } from "../ingest/read-webhook-body";
import { getBaseSecurityHeaders, isServedOverTls } from "../security/security-headers";

/**
 * Answers a webhook post (`POST /api/webhooks/<kind>`) straight from Node and returns true; any
 * other request is left untouched (false) for Next to answer.
 */
export function answerWebhookRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const kind = request.method === "POST" ? webhookKindOfPath(request.url ?? "") : null;
  if (!kind) return false;
  void answerWebhook(kind, incomingBodyOf(request)).then((answer) =>
    writeJsonAnswer(answer, response),
  );
  return true;
}

/**
 * A path with a malformed percent escape ("/services/%E0%A4%A") is a 404 answered here: Next
 * fails to decode it and answers a bare 500. True when answered.
 */
export function answerMalformedPath(request: IncomingMessage, response: ServerResponse): boolean {
  const path = (request.url ?? "/").split("?", 1)[0] ?? "/";
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const body = { error: { code: "NOT_FOUND", message: "There is nothing at this path." } };
    writeJsonAnswer({ status: 404, body, headers: {} }, response);
    return true;
  }
}

/**
 * A Node request as the webhook path reads it, without building a Web Request and its streams
 * (on the ingest hot path those cost more than parsing the alerts).
 */
export function incomingBodyOf(request: IncomingMessage): IncomingBody {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2)
    headers.append(raw[i] as string, raw[i + 1] as string);
  return {
    headers,
    clientIp: request.socket.remoteAddress ?? "unknown",
    readBytes: (maxBytes) => readAtMost(request, maxBytes),
  };
}

function readAtMost(request: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        // Stop keeping the body but let it drain, so the 413 still reaches the sender.
        request.off("data", onData);
        request.off("end", onEnd);
        request.resume();
        reject(payloadTooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, total));
    request.on("data", onData);
    request.once("end", onEnd);
    request.once("error", reject);
  });
}

/** Writes the answer with the headers Next's answers get from proxy.ts, bar the page-only CSP. */
export function writeJsonAnswer(answer: JsonAnswer, response: ServerResponse): void {
  const body = JSON.stringify(answer.body);
  const request = response.req;
  const isHttps =
    isEncrypted(request) ||
    isServedOverTls("http:", firstHeader(request.headers["x-forwarded-proto"]));
  response.writeHead(answer.status, {
    ...getBaseSecurityHeaders({ isHttps }),
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    ...answer.headers,
  });
  response.end(body);
}

function isEncrypted(request: IncomingMessage): boolean {
  return (request.socket as { encrypted?: boolean }).encrypted === true;
}

function firstHeader(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
