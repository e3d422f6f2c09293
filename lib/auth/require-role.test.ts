import { describe, expect, it } from "vitest";
import { hasRole, requireRole } from "./require-role";
import type { TAuthContext, TRole } from "./schemas";

const as = (role: TRole, via: TAuthContext["actor"]["via"] = "session"): TAuthContext => ({
  actor: { label: "alice@example.com", userId: 1, via },
  role,
  ip: null,
  userAgent: null,
});

describe("requireRole", () => {
  it("orders the roles viewer < responder < lead < admin", () => {
    expect(hasRole("admin", "lead")).toBe(true);
    expect(hasRole("lead", "responder")).toBe(true);
    expect(hasRole("responder", "lead")).toBe(false);
    expect(hasRole("viewer", "responder")).toBe(false);
  });
  it("answers 403 naming the role needed, and 401 to nobody signed in", () => {
    expect(() => requireRole(as("viewer"), "responder", "resolve incidents")).toThrow(
      expect.objectContaining({
        code: "FORBIDDEN",
        message: "To resolve incidents you need the responder role; alice@example.com is a viewer.",
      }),
    );
    expect(() => requireRole(as("viewer", "anonymous"), "responder", "resolve")).toThrow(
      expect.objectContaining({ code: "UNAUTHORIZED" }),
    );
    expect(() => requireRole(as("viewer", "anonymous"), "viewer", "read")).not.toThrow();
    expect(() => requireRole(as("lead"), "responder", "resolve")).not.toThrow();
  });
});
