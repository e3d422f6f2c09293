import { type Document, parseAllDocuments, parseDocument } from "yaml";
import type { TDiffFormat, TDocumentRef } from "./schemas";
import { splitYamlDocuments, type TYamlChunk } from "./split-yaml-documents";

export type TParsedDocument = {
  ref: TDocumentRef | null;
  /** Position among the file's documents: the match key of documents without identity. */
  index: number;
  value: unknown;
  /** The YAML document (comments kept); null for JSON. */
  source: Document | null;
  /** Where the document's content sits in the file, when it can be replaced in place. */
  range: { start: number; end: number; chunkStart: number } | null;
};
export type TParsedFile =
  | { format: "yaml" | "json"; documents: TParsedDocument[] }
  | { format: "text"; note: string | null };

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);
export const NOT_YAML = "not valid YAML: compared as plain text";
export const NOT_JSON = "not valid JSON: compared as plain text";

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
  if (format === "text") return { format, note: null };
  if (format === "json") return readJson(content);
  const chunks = splitYamlDocuments(content);
  if (!chunks) return readWholeYaml(content);
  const documents: TParsedDocument[] = [];
  for (const [index, chunk] of listDocumentChunks(chunks)) {
    const doc = parseYamlChunk(chunk, index);
    if (doc === "invalid") return { format: "text", note: NOT_YAML };
    if (doc) documents.push(doc);
  }
  return { format, documents };
}

/** The chunks that hold a document, with their document index. */
export function listDocumentChunks(chunks: TYamlChunk[]): [number, TYamlChunk][] {
  return chunks.filter((chunk) => !chunk.isBlank).map((chunk, index) => [index, chunk]);
}

/** One chunk's document; null when it holds no value, "invalid" when it does not parse. */
export function parseYamlChunk(
  chunk: TYamlChunk,
  index: number,
): TParsedDocument | null | "invalid" {
  const source = parseDocument(chunk.text);
  if (source.errors.length > 0) return "invalid";
  const value = source.toJS();
  if (value === null || value === undefined) return null;
  return {
    ref: readRef(value),
    index,
    value,
    source,
    range: { start: chunk.bodyStart, end: chunk.end, chunkStart: chunk.start },
  };
}

export function readJson(content: string): TParsedFile {
  try {
    const value: unknown = JSON.parse(content);
    return {
      format: "json",
      documents: [{ ref: readRef(value), index: 0, value, source: null, range: null }],
    };
  } catch {
    return { format: "text", note: NOT_JSON };
  }
}

function readWholeYaml(content: string): TParsedFile {
  const docs = parseAllDocuments(content);
  if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) {
    return { format: "text", note: NOT_YAML };
  }
  const documents = docs
    .map((source, index) => ({ source, index, value: source.toJS() as unknown }))
    .filter((doc) => doc.value !== null && doc.value !== undefined)
    .map((doc) => ({ ...doc, ref: readRef(doc.value), range: null }));
  return { format: "yaml", documents };
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
export function matchKeyOf(doc: { ref: TDocumentRef | null; index: number }): string {
  return doc.ref?.key ?? `#${doc.index}`;
}

/** How a document is named to a responder: its key, else its position in the file. */
export function describeDocument(
  path: string,
  doc: { ref: TDocumentRef | null; index: number },
): string {
  return doc.ref?.key ?? `${path} document ${doc.index + 1}`;
}
