import { ZodError, type z } from "zod";
import { withDeadline } from "./api/with-deadline";
import { getEnv } from "./env";
import { AppError, type ErrorCode } from "./errors";

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** An HTTP answer before it is a Response, for callers that write to a Node response directly. */
export type JsonAnswer = { status: number; body: unknown; headers: Record<string, string> };

export function answerAsResponse(answer: JsonAnswer): Response {
  return jsonResponse(answer.body, answer.status, answer.headers);
}

/** The one place an error becomes an HTTP answer: `{ "error": { "code", "message" } }`, internals only in the log. */
export function errorAnswer(error: unknown): JsonAnswer {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") console.error("[http] INTERNAL:", error);
  if (appError.code === "UNAVAILABLE") reportUnavailable(error);
  const headers: Record<string, string> = {};
  if (appError.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(appError.retryAfterSeconds);
  return {
    status: STATUS_BY_CODE[appError.code],
    body: { ...appError.extra, error: { code: appError.code, message: appError.message } },
    headers,
  };
}

// During an outage every request fails the same way: a stack trace per request buried the log
// (1,200 of them in five seconds of PostgreSQL restart). One line per cause per interval instead.
const UNAVAILABLE_REPORT_INTERVAL_MS = 5_000;
const unavailableReports = new Map<string, { reportedAt: number; suppressed: number }>();

function reportUnavailable(error: unknown): void {
  const cause = describeCause(error);
  const now = Date.now();
  const last = unavailableReports.get(cause);
  if (last && now - last.reportedAt < UNAVAILABLE_REPORT_INTERVAL_MS) {
    last.suppressed++;
    return;
  }
  if (unavailableReports.size > 100) unavailableReports.clear();
  unavailableReports.set(cause, { reportedAt: now, suppressed: 0 });
  const more = last?.suppressed ? ` (and ${last.suppressed} more since the last report)` : "";
  console.error(`[http] UNAVAILABLE, answered 503: ${cause}${more}`);
}

/**
 * "P1001: Can't reach database server at …": each error's code and its message's last line
 * (where Prisma puts the cause), down its chain of causes.
 */
function describeCause(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message.split("\n").filter((line) => line.trim() !== "");
  const message = lines.at(-1)?.trim() ?? error.name;
  const code = (error as { code?: unknown }).code;
  const described = typeof code === "string" ? `${code}: ${message}` : message;
  return error.cause instanceof Error && depth < 3
    ? `${described} ← ${describeCause(error.cause, depth + 1)}`
    : described;
}

export function errorResponse(error: unknown): Response {
  return answerAsResponse(errorAnswer(error));
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError("VALIDATION", describeZodError(error));
  if (isDatabaseUnavailable(error)) {
    return new AppError("UNAVAILABLE", "The database is unavailable; retry later.", {
      retryAfterSeconds: 5,
    });
  }
  if (isUniqueViolation(error)) {
    // Two writers raced to create the same thing; the loser learns it exists, not that we broke.
    return new AppError("CONFLICT", "It already exists: another request has just created it.");
  }
  if (isTransientConflict(error)) {
    return new AppError("UNAVAILABLE", "The database is busy with a conflicting write; retry.", {
      retryAfterSeconds: 1,
    });
  }
  return new AppError("INTERNAL", "Something went wrong on our side; it has been logged.");
}

/**
 * Wraps a route handler so every failure leaves as a typed JSON error, and a handler still busy
 * after FAULTLINE_API_TIMEOUT_SECONDS answers 503 with Retry-After instead of hanging the client.
 */
export function handleErrors<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await withDeadline(handler(...args), getEnv().FAULTLINE_API_TIMEOUT_SECONDS * 1000);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * A dynamic route segment as text. Next may hand it over still percent-encoded or already
 * decoded ("%" from "/services/%25"), so a malformed escape keeps the text as it is: a lookup
 * then finds nothing (404) instead of the URIError becoming a 500.
 */
export function decodeRouteParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Parses with a zod schema, turning a failure into a 422 that names the fields. */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("VALIDATION", describeZodError(result.error));
  return result.data;
}

const MAX_ISSUES_IN_MESSAGE = 5;

export function describeZodError(error: ZodError): string {
  const issues = error.issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => {
    const where = formatPath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - MAX_ISSUES_IN_MESSAGE;
  return `Invalid payload: ${issues.join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
}

/** `["alerts", 0, "labels", "alertname"]` → `alerts[0].labels.alertname` */
function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === "number") return `[${part}]`;
      const text = String(part);
      return index === 0 ? text : `.${text}`;
    })
    .join("");
}

// Connection-level failures: the request may succeed when retried once the database is back.
const UNAVAILABLE_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "08000",
  "08003",
  "08006",
  "08001",
  "08004",
  "P1001", // Prisma: can't reach database server
  "P1017", // Prisma: server closed the connection
  "P2024", // Prisma: timed out fetching a connection from the pool
]);

const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /connection (?:is )?closed/i,
  /terminating connection/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /timeout exceeded when trying to connect/i,
  /server closed the connection/i,
  /can't reach database server/i,
  /connect ECONNREFUSED/i,
];

/** Deadlocks and serialization failures: the database gave up on one of two competing writers. */
export function isTransientConflict(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const candidate = error as {
    code?: unknown;
    originalCode?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: unknown;
    driverAdapterError?: unknown;
  };
  const code = candidate.originalCode ?? candidate.code;
  if (code === "40P01" || code === "40001") return true;
  if (
    typeof candidate.message === "string" &&
    /deadlock detected|could not serialize access/i.test(candidate.message)
  ) {
    return true;
  }
  return [candidate.cause, candidate.meta, candidate.driverAdapterError].some((inner) =>
    isTransientConflict(inner, depth + 1),
  );
}

/** A unique constraint refused the write (Prisma's P2002, PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const candidate = error as { code?: unknown; originalCode?: unknown; cause?: unknown };
  if (candidate.code === "P2002" || (candidate.originalCode ?? candidate.code) === "23505")
    return true;
  return isUniqueViolation(candidate.cause, depth + 1);
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const candidate = error as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
  if (typeof candidate.code === "string" && UNAVAILABLE_ERROR_CODES.has(candidate.code))
    return true;
  if (
    typeof candidate.message === "string" &&
    UNAVAILABLE_MESSAGES.some((re) => re.test(candidate.message as string))
  ) {
    return true;
  }
  return isDatabaseUnavailable(candidate.cause, depth + 1);
}
