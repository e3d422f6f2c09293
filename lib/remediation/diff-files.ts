import { createTwoFilesPatch } from "diff";
import { stringify } from "yaml";
import { formatOfPath, matchKeyOf, readDocuments, type TParsedDocument } from "./read-documents";
import { redactDocumentPair, redactTextPair } from "./redact-secrets";
import type { TDocumentChange, TFileDiff } from "./schemas";

/**
 * One file's reviewed diff. YAML and JSON are compared as data first: documents matched by
 * identity, key order and formatting invisible, only changed documents shown; secrets hidden.
 */
export function diffFile(path: string, before: string | null, after: string | null): TFileDiff {
  const format = formatOfPath(path);
  const parsedBefore = before === null ? null : readDocuments(path, before);
  const parsedAfter = after === null ? null : readDocuments(path, after);
  if (format !== "text" && parsedBefore?.format !== "text" && parsedAfter?.format !== "text") {
    return diffDocuments(
      path,
      format,
      parsedBefore?.documents ?? [],
      parsedAfter?.documents ?? [],
      before === null,
      after === null,
    );
  }
  const note =
    (parsedBefore?.format === "text" && parsedBefore.note) ||
    (parsedAfter?.format === "text" && parsedAfter.note) ||
    undefined;
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
    hasSecretChange: redacted.hasSecretChange,
  };
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
    // Compared before rendering: most documents of a release bundle are unchanged.
    if (x && y && canonical(x.value) === canonical(y.value)) continue;
    const redacted = redactDocumentPair(x?.value, y?.value);
    const l = x ? render(format, redacted.before) : "";
    const r = y ? render(format, redacted.after) : "";
    hasSecretChange ||= redacted.hasSecretChange;
    const doc = (y ?? x) as TParsedDocument;
    documents.push({
      ref: doc.ref,
      index: doc.index,
      change: !x ? "added" : !y ? "removed" : "changed",
    });
    const header = `# ${doc.ref?.key ?? `document ${doc.index + 1}`}\n`;
    left.push(x ? header + l : "");
    right.push(y ? header + r : "");
  }
  const diff =
    documents.length === 0 ? "" : patch(path, left.join(""), right.join(""), isAdded, isDeleted);
  return { path, format, documents, diff, hasSecretChange };
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

/** Sorted keys, so two documents that differ only in key order or quoting render the same. */
function render(format: "yaml" | "json", value: unknown): string {
  const sorted = sortKeys(value);
  return format === "json"
    ? `${JSON.stringify(sorted, null, 2)}\n`
    : stringify(sorted, { lineWidth: 0 });
}

export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
