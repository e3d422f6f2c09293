import type { ChangeList, ImportReport } from "./apply-catalog-snapshot";

const count = (changes: ChangeList) =>
  `${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed`;

/** One line per kind of thing, for the CLI and the demo. */
export function describeImportReport(report: ImportReport): string {
  return [
    `${report.source}`,
    `  services:     ${count(report.services)}`,
    `  dependencies: ${count(report.dependencies)}`,
    `  flows:        ${count(report.flows)}`,
  ].join("\n");
}
