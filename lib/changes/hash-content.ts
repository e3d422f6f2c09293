import { createHash } from "node:crypto";

/** The SHA-256 a file's content is stored under: identical contents are stored once. */
export function hashContent(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}
