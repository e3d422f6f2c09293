import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { enforceIpRateLimit, enforceRateLimit, RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows a burst, then refills at the configured rate", () => {
    const limiter = new RateLimiter(2, 3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take(7, t0))).toEqual([0, 0, 0]);
    expect(limiter.take(7, t0)).toBe(1);
    // Half a second later one token (2/s) is back.
    expect(limiter.take(7, t0 + 500)).toBe(0);
    expect(limiter.take(7, t0 + 500)).toBe(1);
  });

  it("keeps integrations apart", () => {
    const limiter = new RateLimiter(1, 1);
    expect(limiter.take(1, 0)).toBe(0);
    expect(limiter.take(1, 0)).toBe(1);
    expect(limiter.take(2, 0)).toBe(0);
  });

  it("answers RATE_LIMITED with a Retry-After", () => {
    const limiter = new RateLimiter(0.1, 1);
    enforceRateLimit(limiter, 1, new Date(0));
    try {
      enforceRateLimit(limiter, 1, new Date(0));
      throw new Error("expected a rate limit");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("RATE_LIMITED");
      expect((error as AppError).retryAfterSeconds).toBe(10);
    }
  });
});

describe("enforceIpRateLimit", () => {
  it("limits each client address on its own, with a Retry-After", () => {
    const limiter = new RateLimiter<string>(1, 2);
    const now = new Date(0);
    enforceIpRateLimit(limiter, "10.0.0.1", now);
    enforceIpRateLimit(limiter, "10.0.0.1", now);
    expect(() => enforceIpRateLimit(limiter, "10.0.0.1", now)).toThrowError(
      expect.objectContaining({ code: "RATE_LIMITED", retryAfterSeconds: 1 }),
    );
    expect(() => enforceIpRateLimit(limiter, "10.0.0.2", now)).not.toThrow();
  });

  it("forgets addresses whose buckets have refilled once it holds many", () => {
    const limiter = new RateLimiter<string>(1, 1);
    for (let i = 0; i < 10_000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`, 0);
    expect(limiter.size).toBe(10_000);
    // A second later every one of those buckets is full again: nothing to remember.
    limiter.take("192.168.0.1", 1_000);
    expect(limiter.size).toBe(1);
    // An address still waiting for tokens is kept.
    limiter.take("192.168.0.1", 1_000);
    for (let i = 0; i < 10_000; i++) limiter.take(`172.16.${i >> 8}.${i & 255}`, 1_000);
    expect(limiter.take("192.168.0.1", 1_000)).toBe(1);
  });
});
