import { createTwoFilesPatch } from "diff";
import {
  formatOfPath,
  listDocumentChunks,
  matchKeyOf,
  NOT_YAML,
  parseYamlChunk,
  readDocuments,
  type TParsedDocument,
} from "./read-documents";
import { maskSecretPair, redactTextPair } from "./redact-secrets";
import { canonical, renderJsonDocument, renderYamlDocument } from "./render-document";
import type { TDocumentChange, TFileDiff } from "./schemas";
import { splitYamlDocuments } from "./split-yaml-documents";

type TReadResult = { documents: TParsedDocument[] } | { note: string | null };

/**
 * One file's reviewed diff. YAML and JSON are compared as data first: documents matched by
 * identity, key order and formatting invisible, only changed documents shown; secrets hidden.
 */
export function diffFile(path: string, before: string | null, after: string | null): TFileDiff {
  const format = formatOfPath(path);
  const read = format === "text" ? null : readPair(path, before, after);
  if (format !== "text" && read && "before" in read) {
    return diffDocuments(path, format, read.before, read.after, before === null, after === null);
  }
  const note = read && "note" in read ? read.note : null;
  const redacted = redactTextPair(before ?? "", after ?? "");
  const diff =
    before === after
      ? ""
      : patch(path, redacted.before, redacted.after, before === null, after === null);
  return {
    path,
    format: "text",
    ...(note ? { note } : {}),
    documents: [],
    diff,
    hasSecretChange: before !== after && redacted.hasSecretChange,
  };
}

/**
 * Both versions' documents. YAML documents whose text is the same at the same position are
 * left out unparsed: a 35-document bundle with one change parses one document per side.
 */
function readPair(
  path: string,
  before: string | null,
  after: string | null,
): { before: TParsedDocument[]; after: TParsedDocument[] } | { note: string | null } {
  const x = before === null ? null : splitYamlDocuments(before);
  const y = after === null ? null : splitYamlDocuments(after);
  if (formatOfPath(path) === "yaml" && (x || before === null) && (y || after === null)) {
    const xs = listDocumentChunks(x ?? []);
    const ys = listDocumentChunks(y ?? []);
    const isSame = (index: number) => xs[index]?.[1].text === ys[index]?.[1].text;
    const parse = (chunks: typeof xs) => {
      const documents: TParsedDocument[] = [];
      for (const [index, chunk] of chunks) {
        if (isSame(index)) continue;
        const doc = parseYamlChunk(chunk, index);
        if (doc === "invalid") return null;
        if (doc) documents.push(doc);
      }
      return documents;
    };
    const parsedBefore = parse(xs);
    const parsedAfter = parse(ys);
    if (!parsedBefore || !parsedAfter) return { note: NOT_YAML };
    return { before: parsedBefore, after: parsedAfter };
  }
  const read = (content: string | null): TReadResult =>
    content === null ? { documents: [] } : readDocuments(path, content);
  const a = read(before);
  const b = read(after);
  if ("documents" in a && "documents" in b) return { before: a.documents, after: b.documents };
  return { note: ("note" in a && a.note) || ("note" in b && b.note) || null };
}

function diffDocuments(
  path: string,
  format: "yaml" | "json",
  before: TParsedDocument[],
  after: TParsedDocument[],
  isAdded: boolean,
  isDeleted: boolean,
): TFileDiff {
  const beforeByKey = new Map(before.map((doc) => [matchKeyOf(doc), doc]));
  const afterByKey = new Map(after.map((doc) => [matchKeyOf(doc), doc]));
  const keys = [...new Set([...afterByKey.keys(), ...beforeByKey.keys()])];
  const documents: TDocumentChange[] = [];
  const left: string[] = [];
  const right: string[] = [];
  let hasSecretChange = false;
  for (const key of keys) {
    const x = beforeByKey.get(key);
    const y = afterByKey.get(key);
    if (x && y && canonical(x.value) === canonical(y.value)) continue;
    const masks = maskSecretPair(x?.value, y?.value);
    hasSecretChange ||= masks.hasSecretChange;
    const doc = (y ?? x) as TParsedDocument;
    documents.push({
      ref: doc.ref,
      index: doc.index,
      change: !x ? "added" : !y ? "removed" : "changed",
    });
    const header = `# ${doc.ref?.key ?? `document ${doc.index + 1}`}\n`;
    if (x) left.push(header + render(format, x, masks.before));
    if (y) right.push(header + render(format, y, masks.after));
  }
  documents.sort((a, b) => a.index - b.index);
  const diff =
    documents.length === 0
      ? ""
      : patch(path, left.join("\n"), right.join("\n"), isAdded, isDeleted);
  return { path, format, documents, diff, hasSecretChange };
}

function render(
  format: "yaml" | "json",
  doc: TParsedDocument,
  masks: ReturnType<typeof maskSecretPair>["before"],
): string {
  return format === "yaml" && doc.source
    ? renderYamlDocument(doc.source, masks)
    : renderJsonDocument(doc.value, masks);
}

function patch(
  path: string,
  left: string,
  right: string,
  isAdded: boolean,
  isDeleted: boolean,
): string {
  return createTwoFilesPatch(
    isAdded ? "/dev/null" : `a/${path}`,
    isDeleted ? "/dev/null" : `b/${path}`,
    left,
    right,
    "",
    "",
    { context: 3 },
  );
}
