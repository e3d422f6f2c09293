/**
 * The records as read, plus a `probability` column (replacing one already there), as CSV text.
 * Values that need it are quoted as RFC 4180 says.
 */
export function writeScoredCsv(
  originalRecords: Record<string, string>[],
  probabilities: number[],
): string {
  if (originalRecords.length !== probabilities.length) {
    throw new Error(
      `${originalRecords.length} records but ${probabilities.length} probabilities: they must match`,
    );
  }
  const columns = Object.keys(originalRecords[0] ?? {}).filter((name) => name !== "probability");
  const header = [...columns, "probability"];
  const lines = originalRecords.map((record, index) =>
    [...columns.map((name) => record[name] ?? ""), String(probabilities[index])]
      .map(quote)
      .join(","),
  );
  return `${[header.map(quote).join(","), ...lines].join("\n")}\n`;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}
