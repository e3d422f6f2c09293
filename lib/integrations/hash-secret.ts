import { createHash } from "node:crypto";

/**
 * How a secret the sender presents itself is stored: SHA-256, hex. Unsalted on purpose, so a
 * presented token finds its row by index; the secrets are random, so a fast hash is safe.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
