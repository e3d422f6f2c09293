import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./encrypt-secret";
import { parseSecretKey, type SecretKey } from "./parse-secret-key";

const newKey = (): SecretKey => parseSecretKey(randomBytes(32).toString("base64"));
const key = newKey();

/** The stored string with one byte of part `index` (2 iv, 3 tag, 4 ciphertext) flipped. */
function tamper(stored: string, index: number): string {
  const parts = stored.split(":");
  const bytes = Buffer.from(parts[index] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(":");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips any secret, under a fresh IV each time", () => {
    for (const secret of ["flt_abc", "ünïcødé 🔑 secret", "", "x".repeat(512)]) {
      const stored = encryptSecret(secret, key);
      expect(stored).toMatch(/^v1:[\w-]{8}:[\w-]{16}:[\w-]{22}:[\w-]*$/);
      expect(stored).not.toContain(secret || "never");
      expect(decryptSecret(stored, key)).toBe(secret);
    }
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it.each([
    [2, "iv"],
    [3, "auth tag"],
    [4, "ciphertext"],
  ])("refuses a value whose %s (%s) was altered", (index) => {
    const stored = encryptSecret("a signing secret", key);
    expect(() => decryptSecret(tamper(stored, index), key)).toThrow(/altered/);
  });

  it("says when the value was encrypted with another key, even one claiming the same id", () => {
    const stored = encryptSecret("a signing secret", key);
    const other = newKey();
    expect(() => decryptSecret(stored, other)).toThrow(/another FAULTLINE_SECRET_KEY/);
    expect(() => decryptSecret(stored, { ...other, id: key.id })).toThrow(/altered/);
  });

  it("refuses what is not in its format", () => {
    for (const stored of ["plain-text-secret", "v2:a:b:c:d", "v1:a:b:c", "v1:a:b:c:d:e"])
      expect(() => decryptSecret(stored, key)).toThrow(/not in a format/);
  });
});

describe("parseSecretKey", () => {
  it("reads 32 bytes as hex, base64 or base64url, the same key each way", () => {
    const bytes = randomBytes(32);
    const ids = [
      bytes.toString("hex"),
      bytes.toString("hex").toUpperCase(),
      bytes.toString("base64"),
      bytes.toString("base64url"),
      ` ${bytes.toString("base64")}\n`,
    ].map((text) => parseSecretKey(text).id);
    expect(new Set(ids).size).toBe(1);
    expect(parseSecretKey(bytes.toString("hex")).bytes.equals(bytes)).toBe(true);
  });

  it.each([
    randomBytes(16).toString("base64"),
    randomBytes(31).toString("hex"),
    randomBytes(33).toString("base64"),
    "correct horse battery staple correct horse!",
    "",
  ])("refuses %j", (text) => {
    expect(() => parseSecretKey(text)).toThrow(/must be 32 random bytes/);
  });
});
