/** Reads a stored label or annotation set, keeping only string values. */
export function toStringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

/** Drops empty and missing values, for label and annotation sets. */
export function compactRecord(
  record: Record<string, string | null | undefined>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (value) result[key] = value;
  return result;
}

/**
 * Looks a sender's word up in one of our tables. `table[word]` would find "constructor" or
 * "__proto__" on Object.prototype, and a function is not a severity.
 */
export function lookUp<Value>(
  table: Readonly<Record<string, Value>>,
  key: string,
): Value | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
