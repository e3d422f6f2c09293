import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../errors";
import type { SecretKey } from "./parse-secret-key";

// v1:<key id>:<iv>:<auth tag>:<ciphertext>, base64url parts; the version names the format.
const FORMAT = "v1";
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts an HMAC signing key for storage: AES-256-GCM, a fresh random IV every time. */
export function encryptSecret(plaintext: string, key: SecretKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.bytes, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [FORMAT, key.id, ...parts].join(":");
}

/** The signing key back; throws when the key is another one or the stored value was altered. */
export function decryptSecret(stored: string, key: SecretKey): string {
  const [format, keyId, iv, tag, ciphertext, ...rest] = stored.split(":");
  if (format !== FORMAT || !keyId || !iv || !tag || ciphertext === undefined || rest.length > 0)
    throw undecryptable("it is not in a format this version of Faultline knows");
  if (keyId !== key.id)
    throw undecryptable(
      `it was encrypted with another FAULTLINE_SECRET_KEY (key id ${keyId}; the configured key is ${key.id})`,
    );
  try {
    const decipher = createDecipheriv(ALGORITHM, key.bytes, Buffer.from(iv, "base64url"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]);
    return plaintext.toString("utf8");
  } catch (error) {
    throw undecryptable("it was altered after it was encrypted", error);
  }
}

function undecryptable(reason: string, cause?: unknown): AppError {
  return new AppError("INTERNAL", `A stored signing secret cannot be decrypted: ${reason}.`, {
    cause,
  });
}
