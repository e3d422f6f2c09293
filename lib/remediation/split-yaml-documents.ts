/** One `---`-separated piece of a YAML stream, with where it sits in the file. */
export type TYamlChunk = {
  /** The chunk's text, its `---` line included. */
  text: string;
  start: number;
  end: number;
  /** Where the document's content starts: after the `---` line, if any. */
  bodyStart: number;
  /** Only whitespace, comments and a bare marker: not a document. */
  isBlank: boolean;
};

const MARKER = /^---(?=[ \t\r\n]|$)/gm;
const MARKER_AT_START = /^---(?=[ \t\r\n]|$)/;
const BLANK_LINE = /^(---)?[ \t]*(#.*)?$/;

/**
 * Splits a YAML stream at its `---` lines, so unchanged documents can be skipped without parsing
 * and a document's text replaced in place. Null when directives or `...` make splitting unsafe.
 */
export function splitYamlDocuments(content: string): TYamlChunk[] | null {
  if (/^(%|\.\.\.(?=[ \t\r\n]|$))/m.test(content)) return null;
  const starts = [0, ...[...content.matchAll(MARKER)].map((match) => match.index)];
  const unique = [...new Set(starts)];
  return unique.map((start, i) => {
    const end = unique[i + 1] ?? content.length;
    const text = content.slice(start, end);
    const firstLineEnd = text.indexOf("\n");
    const hasMarker = MARKER_AT_START.test(text);
    const bodyStart = hasMarker
      ? start + (firstLineEnd === -1 ? text.length : firstLineEnd + 1)
      : start;
    return {
      text,
      start,
      end,
      bodyStart,
      isBlank: text.split("\n").every((line) => BLANK_LINE.test(line.trimEnd())),
    };
  });
}
