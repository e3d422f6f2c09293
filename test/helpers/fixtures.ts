import fs from "node:fs";
import path from "node:path";

export const FIXTURES_DIR = path.join(import.meta.dirname, "..", "fixtures");

export function readFixture(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, relativePath), "utf8");
}

export function readJsonFixture(relativePath: string): unknown {
  return JSON.parse(readFixture(relativePath));
}

/** Fixture files of one sender, e.g. listFixtures("webhooks/alertmanager"). */
export function listFixtures(relativeDir: string): string[] {
  return fs
    .readdirSync(path.join(FIXTURES_DIR, relativeDir))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => `${relativeDir}/${name}`);
}
