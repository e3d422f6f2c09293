import { AppError } from "../errors";

/** A token bucket per key: `burst` requests at once, refilled at `perSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<number | string, { tokens: number; updatedAtMs: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: number | string, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAtMs: nowMs };
    const elapsedSeconds = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsedSeconds * this.perSecond);
    bucket.updatedAtMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }
}

/** 429 with Retry-After when the integration has used its budget. */
export function enforceRateLimit(limiter: RateLimiter, integrationId: number, now: Date): void {
  const waitSeconds = limiter.take(integrationId, now.getTime());
  if (waitSeconds > 0) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many deliveries for this integration; retry in ${waitSeconds}s.`,
      {
        retryAfterSeconds: waitSeconds,
      },
    );
  }
}
