import { AppError } from "../errors";

/** Content types senders really use for JSON; a missing header is taken as JSON too. */
const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

/**
 * What reading a webhook needs of an HTTP request: a Web Request (Next route handlers) or the
 * plain Node request the production server's webhook path reads directly (lib/server).
 */
export type IncomingBody = {
  headers: Headers;
  /** Who sent it, for the per-address rate limit: the socket's peer, or what a proxy reported. */
  clientIp: string;
  /** The body's bytes; throws payloadTooLarge as soon as more than maxBytes arrive. */
  readBytes(maxBytes: number): Promise<Uint8Array>;
};

/**
 * Reads a webhook body as text within a byte limit: 415 for a content type that is not JSON,
 * 413 for a body over the limit (refused before it is all read), 400 for bytes that are not UTF-8.
 */
export async function readWebhookText(
  request: Request | IncomingBody,
  maxBytes: number,
): Promise<string> {
  const incoming = request instanceof Request ? fromWebRequest(request) : request;
  const contentType = incoming.headers.get("content-type");
  if (contentType && !JSON_CONTENT_TYPE.test(contentType.trim())) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Content-Type must be application/json, got "${contentType}".`,
    );
  }
  const declaredLength = Number(incoming.headers.get("content-length"));
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw payloadTooLarge(maxBytes);

  const bytes = await incoming.readBytes(maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid UTF-8.");
  }
}

export function fromWebRequest(request: Request): IncomingBody {
  return {
    headers: request.headers,
    clientIp: readForwardedFor(request.headers) ?? "unknown",
    readBytes: (maxBytes) => readAtMost(request, maxBytes),
  };
}

// A Web Request does not carry its peer's address; Next puts it first in X-Forwarded-For.
function readForwardedFor(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

/** JSON.parse with a 400 for malformed input, and values PostgreSQL can store. */
export function parseJsonBody(text: string): unknown {
  try {
    return sanitizeJson(JSON.parse(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unparseable";
    throw new AppError("BAD_REQUEST", `Malformed JSON: ${reason}`);
  }
}

function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array> {
  return readStreamAtMost(request.body, maxBytes);
}

/** A Web stream's bytes (a request's or a fetched response's); payloadTooLarge past maxBytes. */
export async function readStreamAtMost(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export function payloadTooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The body exceeds the limit of ${maxBytes} bytes.`);
}

/**
 * PostgreSQL text and jsonb cannot hold NUL or lone surrogates, which JSON may encode;
 * replacing them keeps a hostile payload from turning into a failed write. Works in place on
 * what JSON.parse just made (nothing else holds it), touching only what must change.
 */
export function sanitizeJson(value: unknown): unknown {
  if (typeof value === "string") return sanitizeText(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = sanitizeJson(value[i]);
    return value;
  }
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    let hasUnstorableKey = false;
    for (const key of Object.keys(record)) {
      if (UNSTORABLE.test(key)) hasUnstorableKey = true;
      const inner = record[key];
      const cleaned = sanitizeJson(inner);
      // defineProperty, not assignment: a "__proto__" key must stay plain data.
      if (cleaned !== inner) Object.defineProperty(record, key, { value: cleaned });
    }
    if (!hasUnstorableKey) return record;
    return Object.fromEntries(
      Object.entries(record).map(([key, inner]) => [sanitizeText(key), inner]),
    );
  }
  return value;
}

// NUL, or any surrogate (most are well-formed pairs, which the slow path then leaves alone).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is looked for.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

export function sanitizeText(text: string): string {
  return UNSTORABLE.test(text) ? text.toWellFormed().replaceAll("\u0000", "\uFFFD") : text;
}

// Kept with each delivery for tracing; credentials are never stored.
const KEPT_HEADERS =
  /^(content-type|content-length|user-agent|x-request-id|x-webhook-id|x-pagerduty-[\w-]+|x-grafana-[\w-]+|dd-[\w-]+|x-datadog-[\w-]+|x-forwarded-for)$/i;
const SECRET_HEADERS = /signature|token|authorization|secret|api-key/i;

export function pickDeliveryHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (KEPT_HEADERS.test(name) && !SECRET_HEADERS.test(name))
      kept[name.toLowerCase()] = sanitizeText(value);
  });
  return kept;
}
