import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { applyCatalogSnapshot, type ChangeList, type ImportReport } from "./apply-catalog-snapshot";
import { applyObservedEdges } from "./apply-observed-edges";
import { readCatalog } from "./read-catalog";
import type { CatalogFile, CatalogFormat } from "./schemas";

export type CatalogImportResult =
  | { kind: "snapshot"; report: ImportReport }
  | { kind: "observed"; source: string; dependencies: ChangeList; connected: string[] };

/**
 * Parses a catalog in one of the supported formats and applies it: declared catalogs replace
 * what the same source declared before; service-graph metrics add observations.
 */
export async function importCatalog(
  context: TAuthContext,
  format: CatalogFormat,
  files: CatalogFile[],
  source: string,
): Promise<CatalogImportResult> {
  requireRole(context, "lead", "import catalogs");
  const read = readCatalog(format, files, source);
  if (read.kind === "observed") {
    const applied = await applyObservedEdges(read.edges, new Date(), context, source);
    return { kind: "observed", source, ...applied };
  }
  return { kind: "snapshot", report: await applyCatalogSnapshot(read.snapshot, context) };
}
