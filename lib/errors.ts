/** The closed set of failures the API reports; each maps to one HTTP status in lib/http.ts. */
export type ErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "CONFLICT"
  | "VALIDATION"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Seconds the client should wait before retrying (RATE_LIMITED, UNAVAILABLE). */
  readonly retryAfterSeconds: number | undefined;
  /** Fields the answer carries beside `error`, e.g. the new preview with a stale-preview 409. */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { retryAfterSeconds?: number; cause?: unknown; extra?: Record<string, unknown> },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.extra = options?.extra;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
