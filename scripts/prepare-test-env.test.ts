import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Runs the real script against stand-ins for the system: apt-get and sudo that fail, the browser
// and Prometheus present, and PostgreSQL's tools absent or without a cluster. Nothing is installed.
const SCRIPT = path.join(import.meta.dirname, "prepare-test-env.sh");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-prepare-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function makeBin(name: string, tools: Record<string, string>): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  // The few real tools the script needs, and nothing from /usr/bin (where pg_* may be).
  for (const tool of ["sh", "bash", "awk", "head", "grep", "id"]) {
    const real = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
    fs.symlinkSync(real, path.join(dir, tool));
  }
  for (const [tool, body] of Object.entries(tools)) {
    fs.writeFileSync(path.join(dir, tool), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  return dir;
}

const PRESENT = { chromium: "exit 0", prometheus: "exit 0", "prometheus-alertmanager": "exit 0" };
const FAILING_ROOT = { "apt-get": "exit 1", sudo: "exit 1", su: "exit 1" };

function prepare(bin: string, ci: boolean): { code: number | null; output: string } {
  const env: NodeJS.ProcessEnv = {
    PATH: bin,
    HOME: root,
    NODE_ENV: "test",
    ...(ci ? { CI: "true" } : {}),
  };
  const result = spawnSync(
    path.join(bin, "bash"),
    ["-c", `set -euo pipefail; source ${SCRIPT}; echo "sourced DATABASE_URL=\${DATABASE_URL:-}"`],
    { env, encoding: "utf8" },
  );
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("scripts/prepare-test-env.sh without PostgreSQL", () => {
  const noTools = makeBin("no-postgres", { ...PRESENT, ...FAILING_ROOT });
  const noCluster = makeBin("no-cluster", {
    ...PRESENT,
    ...FAILING_ROOT,
    pg_ctlcluster: "exit 0",
    pg_lsclusters: "exit 0",
  });

  const wontStart = makeBin("wont-start", {
    ...PRESENT,
    ...FAILING_ROOT,
    pg_ctlcluster: 'echo "Error: could not start cluster 15/main" >&2; exit 1',
    pg_lsclusters: 'echo "15  main    5439 down   postgres /var/lib/postgresql/15/main log"',
  });

  it.each([
    ["PostgreSQL cannot be installed", noTools, "cannot install PostgreSQL"],
    ["no cluster exists", noCluster, "no PostgreSQL cluster found"],
    ["the cluster will not start", wontStart, "PostgreSQL 15/main would not start"],
  ])("fails under CI=true when %s", (_case, bin, reason) => {
    const { code, output } = prepare(bin, true);
    expect(code, output).not.toBe(0);
    expect(output).toContain(`[prepare] FAILED: ${reason}. CI=true requires PostgreSQL`);
    expect(output).not.toContain("sourced");
  });

  it("warns and carries on with PGlite only outside CI", () => {
    const { code, output } = prepare(noCluster, false);
    expect(code, output).toBe(0);
    expect(output).toContain(
      "no PostgreSQL cluster found; integration tests will run on PGlite only",
    );
    expect(output).toContain("sourced DATABASE_URL=\n");
  });
});
