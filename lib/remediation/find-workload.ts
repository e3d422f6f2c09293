import { AppError } from "../errors";
import { isWorkload, readDocuments, type TParsedDocument } from "./read-documents";
import type { TFileSet } from "./schemas";

export type TFoundWorkload = { path: string; content: string; doc: TParsedDocument };

/** The one Deployment/StatefulSet/DaemonSet named by its document key or its metadata.name. */
export function findWorkloadOrThrow(current: TFileSet, workload: string): TFoundWorkload {
  const found: TFoundWorkload[] = [];
  for (const path of Object.keys(current).sort()) {
    const content = current[path] as string;
    const parsed = readDocuments(path, content);
    if (parsed.format === "text") continue;
    for (const doc of parsed.documents) {
      if (isWorkload(doc.ref) && (doc.ref?.key === workload || doc.ref?.name === workload))
        found.push({ path, content, doc });
    }
  }
  const [first, ...others] = found;
  if (!first)
    throw new AppError(
      "VALIDATION",
      `No Deployment, StatefulSet or DaemonSet "${workload}" in these files.`,
    );
  if (others.length > 0) {
    const keys = found.map((item) => item.doc.ref?.key).join(", ");
    throw new AppError(
      "VALIDATION",
      `"${workload}" names several workloads (${keys}); use its full key.`,
    );
  }
  return first;
}
