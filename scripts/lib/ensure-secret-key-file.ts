import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseSecretKey } from "../../lib/integrations/parse-secret-key";

/**
 * The demo's FAULTLINE_SECRET_KEY: the variable when set, else `<dataDir>/secret.key`, made on
 * first start (owner-only) and read on every later one, so the demo's signing secrets stay usable.
 */
export function ensureSecretKeyFile(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(dataDir, "secret.key");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const key = fs.readFileSync(file, "utf8").trim();
  try {
    parseSecretKey(key);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  return key;
}
