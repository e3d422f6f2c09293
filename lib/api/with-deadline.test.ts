import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { withDeadline } from "./with-deadline";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("withDeadline", () => {
  it("passes the work's result through when it finishes in time", async () => {
    const result = withDeadline(Promise.resolve(42), 1_000);
    await expect(result).resolves.toBe(42);
  });

  it("passes the work's own failure through", async () => {
    const failing = withDeadline(Promise.reject(new AppError("NOT_FOUND", "gone")), 1_000);
    await expect(failing).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers UNAVAILABLE with Retry-After once the deadline passes", async () => {
    const never = new Promise<number>(() => undefined);
    const result = withDeadline(never, 1_000, 7);
    const settled = result.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled).toMatchObject({ code: "UNAVAILABLE", retryAfterSeconds: 7 });
  });

  it("leaves no timer behind when the work finishes first", async () => {
    await withDeadline(Promise.resolve("done"), 60_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
