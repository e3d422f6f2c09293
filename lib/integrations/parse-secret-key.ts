import { createHash } from "node:crypto";

export type SecretKey = {
  bytes: Buffer;
  /** Names the key in what it encrypted, so a value sealed under another key says so. */
  id: string;
};

const HEX_KEY = /^[0-9a-f]{64}$/i;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/** FAULTLINE_SECRET_KEY: 32 bytes as 64 hex digits or base64 (either alphabet). Throws why not. */
export function parseSecretKey(text: string): SecretKey {
  const trimmed = text.trim();
  let bytes: Buffer | null = null;
  if (HEX_KEY.test(trimmed)) bytes = Buffer.from(trimmed, "hex");
  else if (BASE64_KEY.test(trimmed)) bytes = Buffer.from(trimmed, "base64");
  if (bytes?.length !== 32) {
    throw new Error(
      "must be 32 random bytes, as 64 hex digits or base64 (make one: openssl rand -base64 32)",
    );
  }
  const id = createHash("sha256").update(bytes).digest("base64url").slice(0, 8);
  return { bytes, id };
}
