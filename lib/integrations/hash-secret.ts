import { createHash, randomBytes } from "node:crypto";

/**
 * A fresh secret (an integration's or an API token): 32 random bytes, URL-safe, recognisable by
 * its "flt_" prefix in leaked-secret scans.
 */
export function generateSecret(): string {
  return `flt_${randomBytes(32).toString("base64url")}`;
}

/**
 * How a secret presented by its bearer (an integration's token, an API token) is stored: SHA-256, hex. Unsalted on purpose, so a
 * presented token finds its row by index; the secrets are random, so a fast hash is safe.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
