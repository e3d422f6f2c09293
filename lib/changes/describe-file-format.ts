import { formatOfPath, readDocuments } from "../remediation/read-documents";

/**
 * Why a file named as YAML or JSON will be diffed as plain text, or null when it parses: the
 * diff's own parser decides, so the note and the diff always agree.
 */
export function describeUnparsableFile(path: string, content: string): string | null {
  const format = formatOfPath(path);
  if (format === "text" || readDocuments(path, content).format !== "text") return null;
  return `${path} is not valid ${format === "json" ? "JSON" : "YAML"}: it is stored, and diffed as plain text`;
}
