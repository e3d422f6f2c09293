import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-cli-"));

/** The operator CLI as a user runs it, on its own embedded database. */
function faultline(...args: string[]): { code: number | null; output: string } {
  return faultlineWith({}, ...args);
}

function faultlineWith(
  env: Record<string, string>,
  ...args: string[]
): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "faultline.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", FAULTLINE_DATA_DIR: dataDir, ...env },
    encoding: "utf8",
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("faultline CLI", () => {
  it("passes a command's options through: integrations create --kind --name --secret", () => {
    const created = faultline(
      "integrations",
      "create",
      "--kind",
      "grafana",
      "--name",
      "cli-grafana",
      "--secret",
      "cli-secret-0123456789abcdef",
    );
    expect(created.output).toContain('(grafana "cli-grafana")');
    expect(created.output).toContain("secret:   cli-secret-0123456789abcdef");
    expect(created.output).toContain("webhook:  /api/webhooks/grafana");
    expect(created.code).toBe(0);
    expect(faultline("integrations", "list").output).toContain("cli-grafana");
  });

  it("without FAULTLINE_SECRET_KEY, refuses signing integrations clearly and still makes token ones", () => {
    const noKey = { FAULTLINE_SECRET_KEY: "" };
    const refused = faultlineWith(
      noKey,
      "integrations",
      "create",
      "--kind",
      "pagerduty",
      "--name",
      "nokey",
    );
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/FAULTLINE_SECRET_KEY is not set/);
    const token = faultlineWith(
      noKey,
      "integrations",
      "create",
      "--kind",
      "datadog",
      "--name",
      "nokey",
    );
    expect(token.output).toMatch(/secret: +flt_/);
    expect(token.code).toBe(0);
    const badKey = faultlineWith({ FAULTLINE_SECRET_KEY: "short" }, "integrations", "list");
    expect(badKey.code).toBe(1);
    expect(badKey.output).toMatch(/FAULTLINE_SECRET_KEY: must be 32 random bytes/);
  });

  it("imports under the --source it is given", () => {
    const imported = faultline(
      "import",
      "calm",
      "examples/ecommerce/ecommerce.calm.json",
      "--source",
      "cli-test",
    );
    expect(imported.code).toBe(0);
    expect(imported.output).toMatch(/^cli-test$/m);
    expect(imported.output).toMatch(/services: +25 added/);
    // The same source again changes nothing: --source was honoured both times.
    const again = faultline(
      "import",
      "calm",
      "examples/ecommerce/ecommerce.calm.json",
      "--source",
      "cli-test",
    );
    expect(again.output).toMatch(/services: +0 added, 0 changed, 0 removed/);
  });

  it("refuses an unknown command with exit code 2", () => {
    const unknown = faultline("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('Unknown command "frobnicate"');
  });
});
