import { structuredPatch } from "diff";
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
  const left: TSection[] = [];
  const right: TSection[] = [];
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
    const name = doc.ref?.key ?? `document ${doc.index + 1}`;
    if (x) left.push({ name, text: `# ${name}\n${render(format, x, masks.before)}` });
    if (y) right.push({ name, text: `# ${name}\n${render(format, y, masks.after)}` });
  }
  documents.sort((a, b) => a.index - b.index);
  const diff = documents.length === 0 ? "" : patch(path, left, right, isAdded, isDeleted);
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

type TSection = { name: string; text: string };

/** A unified diff whose hunk headers name the document they fall in, as git names functions. */
function patch(
  path: string,
  left: TSection[] | string,
  right: TSection[] | string,
  isAdded: boolean,
  isDeleted: boolean,
): string {
  const sections = (side: TSection[] | string) =>
    typeof side === "string" ? [{ name: "", text: side }] : side;
  const [x, y] = [sections(left), sections(right)];
  const oldName = isAdded ? "/dev/null" : `a/${path}`;
  const newName = isDeleted ? "/dev/null" : `b/${path}`;
  const join = (side: TSection[]) => side.map((section) => section.text).join("\n");
  const { hunks } = structuredPatch(oldName, newName, join(x), join(y), "", "", { context: 3 });
  const lines = [`--- ${oldName}`, `+++ ${newName}`];
  for (const hunk of hunks) {
    const lead = hunk.lines.findIndex((line) => line.startsWith("-") || line.startsWith("+"));
    const isNewSide = hunk.newLines > 0;
    const at = (isNewSide ? hunk.newStart : hunk.oldStart) + Math.max(lead, 0);
    const name = sectionAt(isNewSide ? y : x, at);
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    lines.push(
      `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@${name ? ` ${name}` : ""}`,
    );
    lines.push(...hunk.lines);
  }
  return `${lines.join("\n")}\n`;
}

/** The name of the section holding 1-based line `line` of the joined text. */
function sectionAt(sections: TSection[], line: number): string {
  let end = 0;
  for (const section of sections) {
    end += section.text.split("\n").length - (section.text.endsWith("\n") ? 1 : 0) + 1;
    if (line < end) return section.name;
  }
  return sections.at(-1)?.name ?? "";
}
