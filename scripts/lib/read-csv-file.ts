import fs from "node:fs";
import { UsageError } from "./read-cli-input";

/** The text of --from-csv's file; a missing or unreadable file is a usage error. */
export function readCsvFile(path: string): string {
  try {
    return fs.readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `--from-csv ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
}
