import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, openDatabase, setDb } from "../lib/db";
import { createSeededRandom } from "../lib/graph/create-seeded-random";
import { migrateDatabase } from "../lib/migrations/migrate-database";
import { storeModelVersion } from "../lib/scoring/store-model-version";
import { makeTrainedModel } from "../test/helpers/trained-model";

const ROOT = path.join(import.meta.dirname, "..");
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-cli-model-"));
const STEPS_TIMEOUT_MS = 240_000;

type TCliResult = { code: number | null; stdout: string; stderr: string };

/** The operator CLI as a user runs it, on an embedded database of the test's own. */
function faultlineOn(dataDir: string, ...args: string[]): TCliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "faultline.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", FAULTLINE_DATA_DIR: dataDir },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The embedded database in-process, while no CLI runs. */
async function withDatabase<T>(dataDir: string, run: () => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "db") });
  setDb(db);
  try {
    await migrateDatabase(db);
    return await run();
  } finally {
    await closeDb();
  }
}

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/**
 * Incidents of four candidates each: the cause is the candidate with the highest hidden score,
 * which two informative columns (and noise) drive; two columns are pure noise.
 */
function generateFeatureTable(groups: number, seed: number, withLabel: boolean): string {
  const random = createSeededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const start = Date.parse("2026-01-01T00:00:00Z");
  const lines = [
    [
      "incident",
      "started",
      ...(withLabel ? ["is_cause"] : []),
      "deploy_signal",
      "error_rate",
      "noise_a",
      "noise_b",
      "service",
    ].join(","),
  ];
  for (let group = 0; group < groups; group++) {
    const candidates = Array.from({ length: 4 }, () => {
      const deploySignal = gaussian();
      const errorRate = gaussian();
      return { deploySignal, errorRate, score: 1.8 * deploySignal + 1.2 * errorRate + gaussian() };
    });
    const cause = candidates.reduce(
      (best, c, index) => (c.score > (candidates[best]?.score ?? -Infinity) ? index : best),
      0,
    );
    candidates.forEach((candidate, index) => {
      lines.push(
        [
          `inc-${seed}-${group}`,
          // Half the table as ISO dates, half as epoch seconds: both are times.
          group % 2 === 0
            ? new Date(start + group * 3_600_000).toISOString()
            : String((start + group * 3_600_000) / 1000),
          ...(withLabel ? [index === cause ? "1" : "0"] : []),
          candidate.deploySignal.toFixed(4),
          candidate.errorRate.toFixed(4),
          gaussian().toFixed(4),
          gaussian().toFixed(4),
          `svc-${index}`,
        ].join(","),
      );
    });
  }
  return `${lines.join("\n")}\n`;
}

describe("faultline model: the CSV path", () => {
  const faultline = (...args: string[]) => faultlineOn(path.join(workDir, "csv"), ...args);
  it(
    "trains on a table, stores a version, and scores a second table with it",
    () => {
      const trainPath = path.join(workDir, "history.csv");
      fs.writeFileSync(trainPath, generateFeatureTable(360, 7, true));
      const reportPath = path.join(workDir, "report.json");
      const trained = faultline(
        "model",
        "train",
        "--from-csv",
        trainPath,
        "--group",
        "incident",
        "--time",
        "started",
        "--label",
        "is_cause",
        "--exclude",
        "noise_b",
        "--report",
        reportPath,
      );
      expect(trained.stderr).toContain(
        'note: column "service" is not a feature: line 2 has "svc-0"',
      );
      expect(trained.stderr).toMatch(
        /training on 1440 hypotheses of 360 incidents, 3 features \(csv:history\.csv\)/,
      );
      expect(trained.stderr).toMatch(/\[#+-*\] +\d+% /);
      expect(trained.stdout).toMatch(/model version #1: /);
      expect(trained.stdout).toMatch(/ECE +\d\.\d{4}/);
      expect(trained.stdout).toMatch(/Brier +\d\.\d{4} before calibration, \d\.\d{4} after/);
      expect(trained.stdout).toMatch(/top-1 +\d+\.\d%/);
      expect(trained.code).toBe(0);
      const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));
      expect(report.featureNames).toEqual(["deploy_signal", "error_rate", "noise_a"]);
      expect(report.heldOut.calibrated.top1).toBeGreaterThan(0.4);

      const scorePath = path.join(workDir, "new.csv");
      const table = generateFeatureTable(80, 8, false);
      // Two candidates alike but for the strongest signal.
      const probe = "probe,2026-06-01T00:00:00Z,{signal},0.5,0,0,svc-x\n";
      fs.writeFileSync(
        scorePath,
        table + probe.replace("{signal}", "2.5") + probe.replace("{signal}", "-2.5"),
      );
      const outPath = path.join(workDir, "scored.csv");
      const score = (...more: string[]) =>
        faultline(
          "model",
          "score",
          "--from-csv",
          scorePath,
          "--group",
          "incident",
          "--out",
          outPath,
          ...more,
        );

      const unpromoted = score();
      expect(unpromoted.code).toBe(2);
      expect(unpromoted.stderr).toMatch(/No model version is promoted/);

      const scored = score("--model", "latest");
      expect(scored.stdout).toContain(
        `scored 322 rows of 81 incidents with model version #1 (the latest version) → ${outPath}`,
      );
      expect(scored.code).toBe(0);
      const rows: Record<string, string>[] = parse(fs.readFileSync(outPath, "utf8"), {
        columns: true,
      });
      expect(rows).toHaveLength(322);
      expect(Object.keys(rows[0] ?? {})).toEqual([
        "incident",
        "started",
        "deploy_signal",
        "error_rate",
        "noise_a",
        "noise_b",
        "service",
        "probability",
      ]);
      const probabilities = rows.map((row) => Number(row.probability));
      expect(probabilities.every((p) => p > 0 && p < 1)).toBe(true);
      const [high, low] = rows.slice(-2).map((row) => Number(row.probability)) as [number, number];
      expect(high).toBeGreaterThan(low);

      expect(faultline("model", "promote", "1").code).toBe(0);
      expect(score().stdout).toContain("with model version #1 (the promoted version)");
      const report1 = faultline("model", "report");
      expect(report1.stdout).toMatch(/model version #1 \(promoted\): csv:history\.csv/);
      expect(report1.stdout).toMatch(/calibrated +\d\.\d{4}/);
      expect(report1.stdout).toMatch(/base rate/);
    },
    STEPS_TIMEOUT_MS,
  );

  it(
    "names what is wrong with a table or the options, with exit code 2",
    () => {
      const badPath = path.join(workDir, "bad.csv");
      fs.writeFileSync(
        badPath,
        "incident,started,is_cause,x\na,2026-01-01,1,2\nb,2026-01-02,maybe,3\n",
      );
      const args = [
        "model",
        "train",
        "--from-csv",
        badPath,
        "--group",
        "incident",
        "--time",
        "started",
      ];
      const badLabel = faultline(...args, "--label", "is_cause");
      expect(badLabel.code).toBe(2);
      expect(badLabel.stderr).toMatch(
        /Line 3: the label column "is_cause" has "maybe": it must be 0 or 1/,
      );
      const noColumn = faultline(...args, "--label", "cause");
      expect(noColumn.stderr).toMatch(/--label: the CSV has no column "cause"/);
      expect(faultline(...args).stderr).toMatch(/--from-csv needs --label COL/);
      expect(
        faultline(
          "model",
          "train",
          "--from-csv",
          path.join(workDir, "nope.csv"),
          "--group",
          "g",
          "--time",
          "t",
          "--label",
          "l",
        ).stderr,
      ).toMatch(/no such file/);
      expect(faultline("model", "fly").stderr).toMatch(/unknown model action "fly"/);
    },
    STEPS_TIMEOUT_MS,
  );
});

describe("faultline model promote, rollback, list", () => {
  const dataDir = path.join(workDir, "promote");
  const faultline = (...args: string[]) => faultlineOn(dataDir, ...args);
  it(
    "promotes and rolls back one step at a time, each audited, and says when there is nothing to roll back",
    async () => {
      const ids = await withDatabase(dataDir, async () => {
        const stored = [];
        for (const weight of [1, 2]) {
          stored.push(
            await storeModelVersion({
              trained: makeTrainedModel([weight]),
              source: "database",
              createdBy: "test",
            }),
          );
        }
        return stored.map((version) => version.id);
      });
      const [a, b] = ids as [number, number];
      expect(faultline("model", "promote", String(a)).stdout).toMatch(
        new RegExp(`promoted model version #${a}`),
      );
      expect(faultline("model", "promote", String(b)).stdout).toContain(
        `promoted model version #${b} (was #${a})`,
      );
      const list = faultline("model", "list");
      expect(list.stdout).toMatch(new RegExp(`^\\* #${b} `, "m"));
      expect(list.stdout).toMatch(new RegExp(`^  #${a} `, "m"));
      expect(faultline("model", "rollback").stdout).toContain(
        `rolled back to model version #${a} (was #${b})`,
      );
      const again = faultline("model", "rollback");
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/there is no earlier version to roll back to/);
      expect(faultline("model", "promote", "99999").stderr).toMatch(
        /Model version 99999 does not exist/,
      );
      expect(faultline("model", "report", "--model", String(b)).stdout).toContain(
        `model version #${b}: database`,
      );

      const audit = await withDatabase(dataDir, async () => {
        const { getPrisma } = await import("../lib/db");
        const prisma = await getPrisma();
        return prisma.auditEntry.findMany({
          where: { objectType: "model_version", objectId: { in: [String(a), String(b)] } },
          orderBy: { id: "asc" },
          select: { action: true, objectId: true, actor: true },
        });
      });
      expect(audit.map((entry) => [entry.action, entry.objectId])).toEqual([
        ["model.promote", String(a)],
        ["model.promote", String(b)],
        ["model.rollback", String(a)],
      ]);
      expect(audit.every((entry) => entry.actor.startsWith("cli:"))).toBe(true);
    },
    STEPS_TIMEOUT_MS,
  );
});
