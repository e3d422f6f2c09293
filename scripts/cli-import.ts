import path from "node:path";
import { parseArgs } from "node:util";
import { getCliContext } from "../lib/auth/get-cli-context";
import { describeImportResult } from "../lib/catalog/describe-import-report";
import { importCatalog } from "../lib/catalog/import-catalog";
import { readCatalogFiles } from "../lib/catalog/read-catalog-files";
import { CATALOG_FORMATS, type CatalogFormat } from "../lib/catalog/schemas";

export const IMPORT_HELP = `faultline import <format> <path> [--source <name>]

  formats: ${CATALOG_FORMATS.join(", ")}
  path:    a file, or a directory read recursively (Backstage: every .yaml/.yml in it)
  --source names what this import owns (default "<format>:<path>"); importing the same source
           again updates it and removes what is no longer in it. Prints what was added,
           changed and removed, and references to entities not imported yet (they connect
           when a later import brings them). Bad files: one error lists every file, entity
           and field, and nothing is imported.

  faultline import backstage examples/ecommerce/backstage
  faultline import calm examples/ecommerce/ecommerce.calm.json
  faultline import service-graph examples/ecommerce/service-graph.prom`;

export async function runImportCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: "string" } },
  });
  const [format, target] = positionals;
  if (!format || !target || !(CATALOG_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`usage: ${IMPORT_HELP}`);
  }
  const files = readCatalogFiles(target);
  console.log(`reading ${files.length} file(s) from ${target}`);
  const source = values.source ?? `${format}:${path.normalize(target)}`;
  const result = await importCatalog(getCliContext(), format as CatalogFormat, files, source);
  console.log(describeImportResult(result));
}
