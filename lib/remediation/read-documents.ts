import { type Document, parseAllDocuments } from "yaml";
import type { TDiffFormat, TDocumentRef } from "./schemas";

export type TParsedDocument = {
  ref: TDocumentRef | null;
  index: number;
  value: unknown;
  source: Document | null;
};
export type TParsedFile =
  | { format: "yaml" | "json"; documents: TParsedDocument[] }
  | { format: "text"; note: string | null };

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

export function isWorkload(ref: TDocumentRef | null): boolean {
  return ref !== null && WORKLOAD_KINDS.has(ref.kind);
}

export function formatOfPath(path: string): TDiffFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  if (lower.endsWith(".json")) return "json";
  return "text";
}

/** A file's documents with their Kubernetes identity, or why it can only be compared as text. */
export function readDocuments(path: string, content: string): TParsedFile {
  const format = formatOfPath(path);
  if (format === "json") {
    try {
      return { format, documents: [toParsed(JSON.parse(content), 0, null)] };
    } catch {
      return { format: "text", note: "not valid JSON: compared as plain text" };
    }
  }
  if (format === "yaml") {
    const docs = parseAllDocuments(content);
    if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) {
      return { format: "text", note: "not valid YAML: compared as plain text" };
    }
    const documents = docs
      .map((doc, index) => toParsed(doc.toJS(), index, doc))
      .filter((doc) => doc.value !== null && doc.value !== undefined);
    return { format, documents };
  }
  return { format: "text", note: null };
}

function toParsed(value: unknown, index: number, source: Document | null): TParsedDocument {
  return { ref: readRef(value), index, value, source };
}

function readRef(value: unknown): TDocumentRef | null {
  if (!isRecord(value) || typeof value.kind !== "string" || typeof value.apiVersion !== "string")
    return null;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  if (typeof metadata.name !== "string") return null;
  const namespace = typeof metadata.namespace === "string" ? metadata.namespace : "default";
  const ref = { apiVersion: value.apiVersion, kind: value.kind, namespace, name: metadata.name };
  return { ...ref, key: `${ref.apiVersion} ${ref.kind} ${namespace}/${ref.name}` };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The key a document is matched by across versions: its identity, else its position. */
export function matchKeyOf(doc: TParsedDocument): string {
  return doc.ref?.key ?? `#${doc.index}`;
}
