import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../lib/db";

const ROOT = path.join(import.meta.dirname, "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-cli-"));

type TCliResult = { code: number | null; output: string; stdout: string; stderr: string };

/** The operator CLI as a user runs it, on its own embedded database. */
function faultline(...args: string[]): TCliResult {
  return faultlineWith({}, ...args);
}

function faultlineWith(env: Record<string, string>, ...args: string[]): TCliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "faultline.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", FAULTLINE_DATA_DIR: dataDir, ...env },
    encoding: "utf8",
  });
  return {
    code: result.status,
    output: result.stdout + result.stderr,
    stdout: result.stdout,
    stderr: result.stderr,
  };
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

/** Bad input: exit code 2 and one line on stderr, starting "faultline: " and naming the problem. */
function expectBadInput(result: TCliResult, message: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(/^faultline: /);
  expect(result.stderr).toMatch(message);
}

const readJsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));

// Each run starts tsx and opens the embedded database: seconds apiece on a busy machine.
const CLI_STEPS_TIMEOUT_MS = 180_000;
let bobId = "";

describe("faultline users", () => {
  it(
    "creates a user, printing a generated password once, and lists them",
    () => {
      const created = faultline(
        "users",
        "create",
        "--email",
        "Alice@Example.com",
        "--role",
        "lead",
      );
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^created user #\d+ alice@example\.com \(lead\)$/m);
      expect(created.stdout).toMatch(/^password: \S{16}$/m);
      expect(created.stdout).toContain("won't be shown again");
      const given = faultline(
        "users",
        "create",
        "--email",
        "bob@example.com",
        "--role",
        "viewer",
        "--name",
        "Bob B",
        "--password",
        "a long enough password",
      );
      expect(given.code).toBe(0);
      expect(given.stdout).not.toMatch(/password:/);
      bobId = given.stdout.match(/^created user #(\d+) bob@example\.com/m)?.[1] ?? "";
      expect(bobId).not.toBe("");
      const listed = faultline("users", "list");
      expect(listed.stdout).toMatch(/alice@example\.com +lead +active +password/);
      expect(listed.stdout).toMatch(/bob@example\.com +viewer +active .*Bob B$/m);
    },
    CLI_STEPS_TIMEOUT_MS,
  );

  it(
    "changes roles, disables and enables",
    () => {
      const id = bobId;
      expect(faultline("users", "set-role", id, "responder").stdout).toContain(
        "bob@example.com now has the responder role",
      );
      expect(faultline("users", "disable", id).stdout).toContain("bob@example.com disabled");
      expect(faultline("users", "list").stdout).toMatch(/bob@example\.com +responder +disabled/);
      expect(faultline("users", "enable", id).code).toBe(0);
      expect(faultline("users", "list").stdout).toMatch(/bob@example\.com +responder +active/);
    },
    CLI_STEPS_TIMEOUT_MS,
  );

  it(
    "refuses bad input with one line and exit code 2",
    () => {
      expectBadInput(
        faultline("users", "create", "--email", "c@example.com", "--role", "root"),
        /--role: .*"viewer"\|"responder"\|"lead"\|"admin"/,
      );
      expectBadInput(faultline("users", "create", "--role", "viewer"), /--email: /);
      expectBadInput(
        faultline("users", "create", "--email", "not-an-email", "--role", "viewer"),
        /--email: must be an email address/,
      );
      expectBadInput(
        faultline("users", "create", "--email", "alice@example.com", "--role", "viewer"),
        /A user alice@example\.com exists already/,
      );
      expectBadInput(faultline("users", "set-role", "abc", "lead"), /user id: /);
      expectBadInput(faultline("users", "set-role", bobId), /role is missing/);
      expectBadInput(faultline("users", "disable", "999999"), /User 999999 does not exist/);
      expectBadInput(faultline("users", "frobnicate"), /unknown users action "frobnicate"/);
      expectBadInput(faultline("users", "list", "--colour"), /Unknown option '--colour'/);
    },
    CLI_STEPS_TIMEOUT_MS,
  );
});

describe("faultline tokens", () => {
  it(
    "creates a token printed once, lists it without the secret, and revokes it",
    () => {
      const created = faultline(
        "tokens",
        "create",
        "--email",
        "alice@example.com",
        "--name",
        "ci-deploy",
        "--role",
        "responder",
      );
      expect(created.code).toBe(0);
      const secret = created.stdout.match(/^token: +(flt_\S+)$/m)?.[1] ?? "";
      expect(secret).toMatch(/^flt_.{43}$/);
      expect(created.stdout).toContain("won't be shown again");
      const id = created.stdout.match(/created token #(\d+) "ci-deploy" \(responder\)/)?.[1] ?? "";
      expect(id).not.toBe("");

      const listed = faultline("tokens", "list");
      const row = new RegExp(
        `^#${id} +ci-deploy +responder +alice@example\\.com +${secret.slice(0, 8)}… +last used never +active$`,
        "m",
      );
      expect(listed.stdout).toMatch(row);
      expect(listed.stdout).not.toContain(secret);

      expect(faultline("tokens", "revoke", id).stdout).toMatch(/revoked at \d{4}-/);
      expect(faultline("tokens", "list").stdout).toMatch(
        new RegExp(`^#${id} +ci-deploy .* revoked \\d{4}-`, "m"),
      );
    },
    CLI_STEPS_TIMEOUT_MS,
  );

  it(
    "refuses bad input with one line and exit code 2",
    () => {
      expectBadInput(
        faultline(
          "tokens",
          "create",
          "--email",
          "bob@example.com",
          "--name",
          "x",
          "--role",
          "admin",
        ),
        /bob@example\.com is a responder; a token cannot be a admin/,
      );
      expectBadInput(faultline("tokens", "create", "--email", "bob@example.com"), /--name: /);
      expectBadInput(
        faultline("tokens", "create", "--email", "nobody@example.com", "--name", "x"),
        /No user nobody@example\.com/,
      );
      expectBadInput(faultline("tokens", "revoke"), /token id is missing/);
      expectBadInput(faultline("tokens", "revoke", "999999"), /API token 999999 does not exist/);
      expectBadInput(faultline("tokens", "burn"), /unknown tokens action "burn"/);
    },
    CLI_STEPS_TIMEOUT_MS,
  );
});

describe("faultline audit export", () => {
  it(
    "writes the matching entries as JSON lines, oldest first, to stdout or --out",
    () => {
      const all = faultline("audit", "export");
      expect(all.code).toBe(0);
      const entries = readJsonLines(all.stdout);
      expect(entries.map((entry) => entry.action)).toEqual([
        "integration.create",
        "integration.create",
        "catalog.import",
        "catalog.import",
        "user.create",
        "user.create",
        "user.update",
        "user.update",
        "user.update",
        "token.create",
        "token.revoke",
      ]);
      expect(entries.every((entry) => String(entry.actor).startsWith("cli:"))).toBe(true);
      expect(all.stderr).toBe("exported 11 entries\n");

      const out = path.join(dataDir, "updates.jsonl");
      const filtered = faultline(
        "audit",
        "export",
        "--action",
        "user.update",
        "--actor",
        "CLI:",
        "--since",
        "1h",
        "--out",
        out,
      );
      expect(filtered.code).toBe(0);
      expect(filtered.stdout).toBe("");
      expect(filtered.stderr).toBe(`exported 3 entries to ${out}\n`);
      const updates = readJsonLines(fs.readFileSync(out, "utf8"));
      expect(updates.map((entry) => entry.after)).toEqual([
        { role: "responder", isDisabled: false },
        { role: "responder", isDisabled: true },
        { role: "responder", isDisabled: false },
      ]);

      expect(faultline("audit", "export", "--until", "1h").stderr).toBe("exported 0 entries\n");
      expect(
        faultline("audit", "export", "--since", "2000-01-01", "--until", "2999-01-01").stderr,
      ).toBe("exported 11 entries\n");
    },
    CLI_STEPS_TIMEOUT_MS,
  );

  it(
    "refuses bad times, filters and actions with one line and exit code 2",
    () => {
      expectBadInput(
        faultline("audit", "export", "--since", "yesterday"),
        /--since: "yesterday" is not a time/,
      );
      expectBadInput(
        faultline("audit", "export", "--until", "2026-02-30"),
        /--until: "2026-02-30" is not a time/,
      );
      expectBadInput(
        faultline("audit", "export", "--since", "1h", "--until", "2h"),
        /--since .* must be before --until/,
      );
      expectBadInput(faultline("audit", "export", "--since"), /argument missing/);
      expectBadInput(faultline("audit", "list"), /unknown audit action "list"/);
      expectBadInput(
        faultline("audit", "export", "--out", path.join(dataDir, "no-such-dir", "x.jsonl")),
        /--out: ENOENT/,
      );
    },
    CLI_STEPS_TIMEOUT_MS,
  );

  it(
    "reports progress on stderr every 1,000 entries of a long export",
    async () => {
      const bigDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-cli-audit-"));
      try {
        const env = { FAULTLINE_DATA_DIR: bigDir };
        expect(faultlineWith(env, "migrate").code).toBe(0);
        const db = await openDatabase({ kind: "pglite", dataDir: path.join(bigDir, "db") });
        try {
          await db.query(
            `INSERT INTO audit_entries (actor, action, object_type, object_id)
           SELECT 'bulk', 'bulk.test', 'test', n::text FROM generate_series(1, 2500) AS n`,
            [],
          );
        } finally {
          await db.close();
        }
        const out = path.join(bigDir, "audit.jsonl");
        const exported = faultlineWith(env, "audit", "export", "--out", out);
        expect(exported.code).toBe(0);
        expect(exported.stderr).toBe(
          `exported 1,000 entries…\nexported 2,000 entries…\nexported 2,500 entries to ${out}\n`,
        );
        const lines = readJsonLines(fs.readFileSync(out, "utf8"));
        expect(lines.map((line) => line.objectId)).toEqual(
          Array.from({ length: 2500 }, (_, index) => String(index + 1)),
        );
      } finally {
        fs.rmSync(bigDir, { recursive: true, force: true });
      }
    },
    CLI_STEPS_TIMEOUT_MS,
  );
});

describe("faultline change record", () => {
  it("records a deploy with its files, and refuses a missing file or option with code 2", () => {
    const file = path.join(dataDir, "checkoutservice.yaml");
    fs.copyFileSync(
      path.join(ROOT, "test/fixtures/k8s/online-boutique/checkoutservice.yaml"),
      file,
    );
    const recorded = faultline(
      "change",
      "record",
      "--service",
      "checkout-cli",
      "--kind",
      "deploy",
      "--version",
      "v7",
      "--file",
      file,
      "--root",
      dataDir,
    );
    expect(recorded.output).toMatch(/recording deploy v7 of checkout-cli: 1 file\(s\)/);
    expect(recorded.output).toMatch(/recorded change #\d+ for checkout-cli/);
    expect(recorded.code).toBe(0);
    const missingFile = faultline(
      "change",
      "record",
      "--service",
      "x",
      "--kind",
      "deploy",
      "--version",
      "1",
      "--file",
      "/no/such.yaml",
    );
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toMatch(/--file \/no\/such.yaml: no such file/);
    const noVersion = faultline("change", "record", "--service", "x", "--kind", "deploy");
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toMatch(/version/);
  });
});
