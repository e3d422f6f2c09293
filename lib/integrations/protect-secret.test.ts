import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decryptSecret } from "./encrypt-secret";
import { hashSecret } from "./hash-secret";
import { parseSecretKey } from "./parse-secret-key";
import { protectSecret } from "./protect-secret";
import { INTEGRATION_KINDS } from "./schemas";
import { hashPresentedTokens, isSigningKind } from "./verify-credentials";

const key = parseSecretKey(randomBytes(32).toString("hex"));
const SECRET = "flt_0123456789abcdef0123456789abcdef";

describe("protectSecret", () => {
  it("encrypts exactly the kinds that check an HMAC signature", () => {
    expect(INTEGRATION_KINDS.filter(isSigningKind)).toEqual(["pagerduty", "grafana", "generic"]);
  });

  it.each(INTEGRATION_KINDS)("keeps a %s secret only in a form that does not show it", (kind) => {
    const stored = protectSecret(kind, SECRET, key);
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    if (isSigningKind(kind)) {
      expect(stored.secretHash).toBeNull();
      expect(decryptSecret(stored.secretEncrypted ?? "", key)).toBe(SECRET);
    } else {
      expect(stored).toEqual({ secretHash: hashSecret(SECRET), secretEncrypted: null });
    }
  });

  it("hashes tokens without a key, and refuses a signing secret without one, naming the variable", () => {
    expect(protectSecret("alertmanager", SECRET, undefined).secretHash).toBe(hashSecret(SECRET));
    const refused = (() => {
      try {
        protectSecret("grafana", SECRET, undefined);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("UNAVAILABLE");
    expect((refused as AppError).message).toMatch(/FAULTLINE_SECRET_KEY is not set/);
  });
});

describe("hashSecret and hashPresentedTokens", () => {
  it("is SHA-256 in hex, the same as the migration's SQL computes", () => {
    expect(hashSecret("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(hashSecret("ünï")).toBe(createHash("sha256").update("ünï", "utf8").digest("hex"));
  });

  it("hashes only the tokens a kind accepts", () => {
    const presented = {
      token: "bearer-token",
      routingKey: "routing-key",
      pagerdutySignatures: [],
      grafanaSignature: null,
      faultlineSignature: null,
    };
    expect(hashPresentedTokens("alertmanager", presented)).toEqual([hashSecret("bearer-token")]);
    expect(hashPresentedTokens("pagerduty_events", presented)).toEqual([
      hashSecret("bearer-token"),
      hashSecret("routing-key"),
    ]);
    expect(hashPresentedTokens("pagerduty", presented)).toEqual([]);
  });
});
