import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors";
import { mapClaimToRole, readOidcIdentity } from "./map-oidc-claims";
import { ZOidcRoleMap } from "./schemas";

const roleMap = ZOidcRoleMap.parse("sre-admins=admin, sre=responder,,incident-leads=lead");
const settings = {
  issuer: "https://idp.example.com",
  roleClaim: "groups",
  roleMap,
  defaultRole: "viewer" as const,
};

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("ZOidcRoleMap", () => {
  it("reads value=role pairs, dropping blanks and splitting at the last =", () => {
    expect(roleMap).toEqual([
      { value: "sre-admins", role: "admin" },
      { value: "sre", role: "responder" },
      { value: "incident-leads", role: "lead" },
    ]);
    expect(ZOidcRoleMap.parse("cn=sre=lead")).toEqual([{ value: "cn=sre", role: "lead" }]);
    expect(ZOidcRoleMap.parse("")).toEqual([]);
  });

  it("refuses unknown roles and entries without a value", () => {
    expect(ZOidcRoleMap.safeParse("sre=root").success).toBe(false);
    expect(ZOidcRoleMap.safeParse("sre").success).toBe(false);
    expect(ZOidcRoleMap.safeParse("=admin").success).toBe(false);
  });
});

describe("mapClaimToRole", () => {
  it("takes the highest mapped role among an array's values", () => {
    expect(mapClaimToRole(["sre", "sre-admins", "other"], roleMap, "viewer")).toBe("admin");
    expect(mapClaimToRole(["incident-leads", "sre"], roleMap, "viewer")).toBe("lead");
  });

  it("accepts a single string and falls back to the default role", () => {
    expect(mapClaimToRole("sre", roleMap, "viewer")).toBe("responder");
    expect(mapClaimToRole("unmapped", roleMap, "viewer")).toBe("viewer");
    expect(mapClaimToRole(undefined, roleMap, "responder")).toBe("responder");
    expect(mapClaimToRole([42, null, { sre: true }], roleMap, "viewer")).toBe("viewer");
    expect(mapClaimToRole(["sre"], [], "lead")).toBe("lead");
  });

  it("lets a mapped role be lower than the default (the map decides when it matches)", () => {
    expect(mapClaimToRole(["sre"], roleMap, "lead")).toBe("responder");
  });
});

describe("readOidcIdentity", () => {
  it("names the user by issuer and sub, with a lower-case email and the mapped role", () => {
    const identity = readOidcIdentity(
      {
        sub: "u-1",
        email: " Alice@Example.COM ",
        email_verified: true,
        name: "Alice",
        groups: ["sre"],
      },
      settings,
    );
    expect(identity).toEqual({
      subject: "https://idp.example.com u-1",
      email: "alice@example.com",
      name: "Alice",
      role: "responder",
    });
  });

  it("reads the configured claim and falls back on names", () => {
    const identity = readOidcIdentity(
      { sub: "u-2", email: "bob@example.com", roles: "sre-admins", preferred_username: "bobby" },
      { ...settings, roleClaim: "roles" },
    );
    expect(identity.role).toBe("admin");
    expect(identity.name).toBe("bobby");
    expect(readOidcIdentity({ sub: "u-3", email: "carol@example.com" }, settings).name).toBe(
      "carol",
    );
  });

  it("refuses an unverified email with a 403, and accepts string booleans", () => {
    const unverified = refusal(() =>
      readOidcIdentity({ sub: "u", email: "eve@example.com", email_verified: false }, settings),
    );
    expect(unverified.code).toBe("FORBIDDEN");
    expect(unverified.message).toContain("has not verified eve@example.com");
    expect(
      refusal(() =>
        readOidcIdentity({ sub: "u", email: "eve@example.com", email_verified: "false" }, settings),
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      readOidcIdentity({ sub: "u", email: "eve@example.com", email_verified: "true" }, settings)
        .email,
    ).toBe("eve@example.com");
  });

  it("refuses a missing email (403) and a missing subject (401)", () => {
    expect(refusal(() => readOidcIdentity({ sub: "u" }, settings))).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("email"),
    });
    expect(
      refusal(() => readOidcIdentity({ sub: "u", email: "not-an-email" }, settings)).code,
    ).toBe("FORBIDDEN");
    expect(refusal(() => readOidcIdentity({ email: "a@example.com" }, settings)).code).toBe(
      "UNAUTHORIZED",
    );
  });
});
