/** What a stored PagerDuty Events body holds in place of its routing key. */
export const REDACTED = "[redacted]";

type Span = { start: number; end: number };

/**
 * The body as stored: the top-level routing_key (the integration's secret) replaced by
 * "[redacted]", every other byte as sent. Any other text, JSON or not, comes back unchanged.
 */
export function redactRoutingKey(text: string): string {
  let redacted = "";
  let copiedUpTo = 0;
  for (const span of findTopLevelValues(text, "routing_key")) {
    redacted += `${text.slice(copiedUpTo, span.start)}"${REDACTED}"`;
    copiedUpTo = span.end;
  }
  return copiedUpTo === 0 ? text : redacted + text.slice(copiedUpTo);
}

// Walks the members of a top-level object (duplicates included: each may hold the key). The
// text has already parsed as JSON, so only strings and nesting need to be followed.
function findTopLevelValues(text: string, wanted: string): Span[] {
  const spans: Span[] = [];
  let at = skipWhitespace(text, 0);
  if (text[at] !== "{") return spans;
  at = skipWhitespace(text, at + 1);
  while (text[at] === '"') {
    const keyEnd = skipString(text, at);
    const key = decodeKey(text.slice(at, keyEnd));
    at = skipWhitespace(text, keyEnd);
    if (text[at] !== ":") return spans;
    const valueStart = skipWhitespace(text, at + 1);
    const valueEnd = skipValue(text, valueStart);
    if (key === wanted && valueEnd > valueStart) spans.push({ start: valueStart, end: valueEnd });
    at = skipWhitespace(text, valueEnd);
    if (text[at] !== ",") return spans;
    at = skipWhitespace(text, at + 1);
  }
  return spans;
}

function decodeKey(quoted: string): string | null {
  try {
    const key: unknown = JSON.parse(quoted);
    return typeof key === "string" ? key : null;
  } catch {
    return null;
  }
}

function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  return i;
}

/** The index just past the string starting at `at` (its opening quote). */
function skipString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const char = text[i];
    if (char === "\\") i += 2;
    else if (char === '"') return i + 1;
    else i++;
  }
  return text.length;
}

function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipString(text, at);
  if (first === "{" || first === "[") {
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const char = text[i];
      if (char === '"') {
        i = skipString(text, i);
        continue;
      }
      if (char === "{" || char === "[") depth++;
      else if (char === "}" || char === "]") depth--;
      i++;
      if (depth === 0) return i;
    }
    return text.length;
  }
  // A number, true, false or null: up to the next delimiter.
  let i = at;
  while (i < text.length && !",}] \t\n\r".includes(text.charAt(i))) i++;
  return i;
}
