import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import {
  decodeRouteParam,
  errorResponse,
  handleErrors,
  isDatabaseUnavailable,
  isTransientConflict,
  isUniqueViolation,
  parseOrThrow,
} from "./http";

describe("errorResponse", () => {
  it("answers with the code's status and the documented body", async () => {
    const response = errorResponse(new AppError("PAYLOAD_TOO_LARGE", "too big"));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "too big" },
    });
  });

  it("never leaks an unexpected error's message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = errorResponse(new Error("password=hunter2 at db.internal:5432"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("hunter2");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("turns a lost database connection into 503 with Retry-After", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const lost = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    const response = errorResponse(new Error("wrapped", { cause: lost }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    log.mockRestore();
  });

  it("logs an outage as one line per cause every few seconds, with a count, not a stack per request", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const outage = () =>
      Object.assign(
        new Error("\nInvalid `prisma.alert.findMany()` invocation:\n\nCan't reach database server"),
        { code: "P1001" },
      );
    try {
      for (let i = 0; i < 50; i++) expect(errorResponse(outage()).status).toBe(503);
      expect(log.mock.calls).toEqual([
        ["[http] UNAVAILABLE, answered 503: P1001: Can't reach database server"],
      ]);
      vi.advanceTimersByTime(5_000);
      errorResponse(outage());
      expect(log).toHaveBeenCalledTimes(2);
      expect(log.mock.calls[1]?.[0]).toBe(
        "[http] UNAVAILABLE, answered 503: P1001: Can't reach database server (and 49 more since the last report)",
      );
    } finally {
      log.mockRestore();
      vi.useRealTimers();
    }
  });
});

describe("parseOrThrow", () => {
  it("names the path of every failing field", () => {
    const schema = z.object({
      alerts: z.array(z.object({ labels: z.object({ alertname: z.string() }) })),
    });
    try {
      parseOrThrow(schema, { alerts: [{ labels: {} }] });
      throw new Error("expected a validation error");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
      expect((error as AppError).message).toContain("alerts[0].labels.alertname");
    }
  });
});

describe("isDatabaseUnavailable", () => {
  it("recognises connection failures but not query errors", () => {
    expect(
      isDatabaseUnavailable({
        code: "57P01",
        message: "terminating connection due to administrator command",
      }),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnavailable({
        code: "23505",
        message: "duplicate key value violates unique constraint",
      }),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error("syntax error at or near"))).toBe(false);
  });
});

describe("isTransientConflict", () => {
  it("recognises deadlocks and serialization failures, however wrapped", () => {
    expect(isTransientConflict({ code: "40P01", message: "deadlock detected" })).toBe(true);
    expect(isTransientConflict(new Error("wrapped", { cause: { code: "40001" } }))).toBe(true);
    expect(
      isTransientConflict({ meta: { driverAdapterError: { cause: { originalCode: "40P01" } } } }),
    ).toBe(true);
    expect(isTransientConflict({ meta: { message: "deadlock detected" } })).toBe(true);
    expect(isTransientConflict({ code: "23505" })).toBe(false);
  });
});

describe("handleErrors", () => {
  it("answers 503 with Retry-After when a handler outlives FAULTLINE_API_TIMEOUT_SECONDS", async () => {
    vi.useFakeTimers();
    try {
      const stuck = handleErrors(() => new Promise<Response>(() => undefined));
      const answered = stuck();
      // The default deadline is 30 seconds.
      await vi.advanceTimersByTimeAsync(29_999);
      let settled = false;
      void answered.then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const response = await answered;
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect((await response.json()).error.code).toBe("UNAVAILABLE");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("decodeRouteParam", () => {
  it("decodes an encoded segment and keeps a malformed one as it is", () => {
    expect(decodeRouteParam("order%20service")).toBe("order service");
    expect(decodeRouteParam("%25")).toBe("%");
    expect(decodeRouteParam("%")).toBe("%");
    expect(decodeRouteParam("%E0%A4%A")).toBe("%E0%A4%A");
  });
});

describe("isUniqueViolation", () => {
  it("recognises Prisma's P2002 and PostgreSQL's 23505, however deeply wrapped", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    expect(isUniqueViolation(new Error("outer", { cause: { originalCode: "23505" } }))).toBe(true);
    expect(isUniqueViolation({ code: "P2025" })).toBe(false);
    expect(errorResponse({ code: "P2002" }).status).toBe(409);
  });
});
