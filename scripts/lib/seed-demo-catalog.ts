import path from "node:path";
import { getSystemContext } from "../../lib/auth/get-cli-context";
import { type CatalogImportResult, importCatalog } from "../../lib/catalog/import-catalog";
import { readCatalogFiles } from "../../lib/catalog/read-catalog-files";

const EXAMPLES = path.join(import.meta.dirname, "..", "..", "examples", "ecommerce");

/**
 * Seeds the demo shop the way a team would: its CALM architecture (services, edges, flows,
 * failure modes), then the traffic its traces saw. Going through the real importers keeps the
 * example files and the demo from drifting apart.
 */
export async function seedDemoCatalog(): Promise<CatalogImportResult[]> {
  return [
    await importCatalog(
      getSystemContext("seed"),
      "calm",
      readCatalogFiles(path.join(EXAMPLES, "ecommerce.calm.json")),
      "seed:ecommerce",
    ),
    await importCatalog(
      getSystemContext("seed"),
      "service-graph",
      readCatalogFiles(path.join(EXAMPLES, "service-graph.prom")),
      "seed:ecommerce-traces",
    ),
  ];
}
