import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { enforceRateLimit, RateLimiter } from "./rate-limit";

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
