import { AppError } from "../errors";

// Buckets for keys nobody has used for a while are full again and can be forgotten; past this
// many keys (client addresses, mostly) they are, so a scan from many addresses cannot grow memory.
const MAX_KEYS_BEFORE_PRUNING = 10_000;

/** A token bucket per key: `burst` requests at once, refilled at `perSecond`. */
export class RateLimiter<Key = number> {
  private readonly buckets = new Map<Key, { tokens: number; updatedAtMs: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: Key, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAtMs: nowMs };
    bucket.tokens = this.refilled(bucket, nowMs);
    bucket.updatedAtMs = nowMs;
    if (!this.buckets.has(key) && this.buckets.size >= MAX_KEYS_BEFORE_PRUNING) this.prune(nowMs);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: { tokens: number; updatedAtMs: number }, nowMs: number): number {
    const elapsedSeconds = Math.max(0, nowMs - bucket.updatedAtMs) / 1000;
    return Math.min(this.burst, bucket.tokens + elapsedSeconds * this.perSecond);
  }

  private prune(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, nowMs) >= this.burst) this.buckets.delete(key);
    }
  }
}

/** 429 with Retry-After when the integration has used its budget. */
export function enforceRateLimit(limiter: RateLimiter, integrationId: number, now: Date): void {
  const waitSeconds = limiter.take(integrationId, now.getTime());
  if (waitSeconds > 0) throw rateLimited("this integration", waitSeconds);
}

/** 429 with Retry-After when one client address sends more than its budget, before any other work. */
export function enforceIpRateLimit(
  limiter: RateLimiter<string>,
  clientIp: string,
  now: Date,
): void {
  const waitSeconds = limiter.take(clientIp, now.getTime());
  if (waitSeconds > 0) throw rateLimited("this address", waitSeconds);
}

function rateLimited(who: string, waitSeconds: number): AppError {
  return new AppError(
    "RATE_LIMITED",
    `Too many deliveries from ${who}; retry in ${waitSeconds}s.`,
    {
      retryAfterSeconds: waitSeconds,
    },
  );
}
