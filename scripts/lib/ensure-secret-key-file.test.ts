import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSecretKey } from "../../lib/integrations/parse-secret-key";
import { ensureSecretKeyFile } from "./ensure-secret-key-file";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-key-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("ensureSecretKeyFile", () => {
  it("makes an owner-only key file on first start and reads the same key afterwards", () => {
    const dataDir = path.join(root, "first");
    const key = ensureSecretKeyFile(dataDir, undefined);
    expect(parseSecretKey(key).bytes).toHaveLength(32);
    const file = path.join(dataDir, "secret.key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(ensureSecretKeyFile(dataDir, undefined)).toBe(key);
    expect(ensureSecretKeyFile(path.join(root, "second"), undefined)).not.toBe(key);
  });

  it("prefers a configured key and then writes no file", () => {
    const dataDir = path.join(root, "configured");
    expect(ensureSecretKeyFile(dataDir, "configured-key")).toBe("configured-key");
    expect(fs.existsSync(path.join(dataDir, "secret.key"))).toBe(false);
  });

  it("names the file when it holds no usable key", () => {
    const dataDir = path.join(root, "broken");
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, "secret.key"), "not a key\n");
    expect(() => ensureSecretKeyFile(dataDir, undefined)).toThrow(
      /secret\.key: must be 32 random bytes/,
    );
  });
});
