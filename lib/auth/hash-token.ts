import { createHash, randomBytes } from "node:crypto";

/** API tokens are 32 random bytes: a plain SHA-256 is enough to store them (nothing to guess). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** "flt_" + 43 base64url characters; the prefix lets people and secret scanners recognise it. */
export function generateToken(): string {
  return `flt_${randomBytes(32).toString("base64url")}`;
}
