import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors";
import type { CatalogFile } from "./schemas";

const CATALOG_EXTENSIONS = new Set([".yaml", ".yml", ".json", ".prom", ".txt"]);

/**
 * Reads what `faultline import` is pointed at: one file, or a directory's catalog files
 * (recursively, skipping hidden entries), sorted by path and named relative to the directory.
 */
export function readCatalogFiles(target: string): CatalogFile[] {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(target);
  } catch {
    throw new AppError("NOT_FOUND", `${target}: no such file or directory`);
  }
  if (!stats.isDirectory()) {
    return [{ name: path.basename(target), text: fs.readFileSync(target, "utf8") }];
  }
  return listCatalogPaths(target, "")
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(target, name), "utf8") }));
}

function listCatalogPaths(root: string, relative: string): string[] {
  return fs
    .readdirSync(path.join(root, relative), { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .flatMap((entry) => {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listCatalogPaths(root, name);
      const isCatalog = entry.isFile() && CATALOG_EXTENSIONS.has(path.extname(entry.name));
      return isCatalog ? [name] : [];
    });
}
