import type { ChangeList, ImportReport } from "./apply-catalog-snapshot";
import type { CatalogImportResult } from "./import-catalog";

const count = (changes: ChangeList) =>
  `${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed`;

/** One line per kind of thing, for the CLI and the demo. */
export function describeImportReport(report: ImportReport): string {
  const refs = [...new Set(report.pending.map((reference) => reference.ref))].sort();
  return [
    `${report.source}`,
    `  services:     ${count(report.services)}`,
    `  dependencies: ${count(report.dependencies)}`,
    `  flows:        ${count(report.flows)}`,
    ...describeConnected(report.connected),
    ...(refs.length > 0
      ? [
          `  ${refs.length} ${refs.length === 1 ? "reference" : "references"} to entities not imported yet: ${refs.join(", ")}`,
        ]
      : []),
  ].join("\n");
}

/** Either kind of import result: a declared catalog's report, or newly observed traffic. */
export function describeImportResult(result: CatalogImportResult): string {
  if (result.kind === "snapshot") return describeImportReport(result.report);
  const { added, changed } = result.dependencies;
  return [
    `${result.source}\n  observed edges: ${added.length} new, ${changed.length} now confirmed by traffic`,
    ...describeConnected(result.connected),
  ].join("\n");
}

function describeConnected(connected: string[]): string[] {
  if (connected.length === 0) return [];
  const edges = connected.length === 1 ? "edge" : "edges";
  return [
    `  ${connected.length} ${edges} connected that waited for these services: ${connected.join(", ")}`,
  ];
}
