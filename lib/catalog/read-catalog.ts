import { parseBackstage } from "./backstage/parse-backstage";
import { parseCalm } from "./calm/parse-calm";
import { catalogError } from "./catalog-error";
import { parsePagerDutyServices } from "./pagerduty/parse-pagerduty-services";
import type { CatalogFile, CatalogFormat, CatalogSnapshot, ObservedEdge } from "./schemas";
import { parseServiceGraph } from "./service-graph/parse-service-graph";

export type TCatalogRead =
  | { kind: "snapshot"; snapshot: CatalogSnapshot }
  | { kind: "observed"; edges: ObservedEdge[] };

/** Parses catalog files of one format: a declared snapshot, or traffic seen between services. */
export function readCatalog(
  format: CatalogFormat,
  files: CatalogFile[],
  source: string,
): TCatalogRead {
  switch (format) {
    case "backstage":
      if (files.length === 0) throw catalogError(source, null, null, "no catalog files to import");
      return { kind: "snapshot", snapshot: parseBackstage(files, source) };
    case "calm":
      return { kind: "snapshot", snapshot: parseCalm(getOnlyFile(format, files, source), source) };
    case "pagerduty":
      return {
        kind: "snapshot",
        snapshot: parsePagerDutyServices(getOnlyFile(format, files, source), source),
      };
    case "service-graph":
      return { kind: "observed", edges: parseServiceGraph(getOnlyFile(format, files, source)) };
  }
}

function getOnlyFile(format: CatalogFormat, files: CatalogFile[], source: string): CatalogFile {
  const [file] = files;
  if (files.length !== 1 || !file) {
    const names = files.map((each) => each.name).join(", ");
    throw catalogError(
      names || source,
      null,
      null,
      `a ${format} import reads exactly one file, got ${files.length}`,
    );
  }
  return file;
}
