import type { TParsedDocument } from "./read-documents";

/** A document's new text, to be written where `doc` sits in its file. */
export type TReplacement = { doc: TParsedDocument; text: string };

/**
 * The file's text with each replaced document's content swapped in place: every other byte
 * (comments, other documents, separators) stays as it was.
 */
export function replaceDocuments(content: string, replacements: TReplacement[]): string {
  const ordered = [...replacements].sort(
    (a, b) => (b.doc.range?.start ?? 0) - (a.doc.range?.start ?? 0),
  );
  let text = content;
  for (const { doc, text: replacement } of ordered) {
    if (!doc.range) throw new Error("replaceDocuments needs documents read with their ranges");
    const old = text.slice(doc.range.start, doc.range.end);
    const next =
      old.endsWith("\n") && !replacement.endsWith("\n") ? `${replacement}\n` : replacement;
    text = text.slice(0, doc.range.start) + next + text.slice(doc.range.end);
  }
  return text;
}

/** A document's own content as written in its file (without its `---` line). */
export function documentText(content: string, doc: TParsedDocument): string {
  if (doc.range) return content.slice(doc.range.start, doc.range.end);
  if (!doc.source) return `${JSON.stringify(doc.value, null, 2)}\n`;
  const copy = doc.source.clone();
  if (copy.directives) copy.directives.docStart = null;
  return copy.toString({ lineWidth: 0 });
}
