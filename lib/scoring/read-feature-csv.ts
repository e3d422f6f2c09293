import { parse } from "csv-parse/sync";
import { AppError } from "../errors";
import type { TFeatureRow } from "./schemas";

export type TFeatureCsvColumns = {
  /** The incident column: its rows are one incident's candidates. */
  group: string;
  /** When the incident started: an ISO date, or epoch seconds or milliseconds. */
  time?: string;
  /** 1 for the confirmed cause, 0 otherwise; absent when scoring. */
  label?: string;
  exclude: string[];
};

/** A column left out of the features because a value in it is not a number. */
export type TSkippedColumn = { column: string; line: number; value: string };

export type TFeatureCsv = {
  rows: TFeatureRow[];
  featureNames: string[];
  /** The header, in file order. */
  columns: string[];
  /** Every record as read, column → text: what write-scored-csv writes back. */
  records: Record<string, string>[];
  skippedColumns: TSkippedColumn[];
  /** Empty cells per feature column: they count as 0. */
  emptyCells: Record<string, number>;
};

/**
 * A plain feature table: one row per candidate. Every column but group, time, label and the
 * excluded ones is a feature when all its values are numbers; a problem names its line.
 */
export function readFeatureCsv(text: string, columns: TFeatureCsvColumns): TFeatureCsv {
  const lines = parseLines(text);
  const [headerLine, ...dataLines] = lines;
  if (!headerLine) throw new AppError("VALIDATION", "The CSV is empty: it needs a header row.");
  const header = headerLine.record;
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new AppError("VALIDATION", `The CSV header names column "${duplicate}" twice.`);
  }
  const roles: [string, string | undefined][] = [
    ["--group", columns.group],
    ["--time", columns.time],
    ["--label", columns.label],
    ...columns.exclude.map((name): [string, string] => ["--exclude", name]),
  ];
  for (const [option, name] of roles) {
    if (name !== undefined && !header.includes(name)) {
      throw new AppError(
        "VALIDATION",
        `${option}: the CSV has no column "${name}" (it has: ${header.join(", ")}).`,
      );
    }
  }
  if (dataLines.length === 0) throw new AppError("VALIDATION", "The CSV has a header but no rows.");

  const reserved = new Set([columns.group, columns.time, columns.label, ...columns.exclude]);
  const skippedColumns: TSkippedColumn[] = [];
  const featureNames = header.filter((name) => {
    if (reserved.has(name)) return false;
    const index = header.indexOf(name);
    const bad = dataLines.find(({ record }) => {
      const value = record[index] ?? "";
      return value !== "" && parseNumber(value) === null;
    });
    if (bad) skippedColumns.push({ column: name, line: bad.line, value: bad.record[index] ?? "" });
    return !bad;
  });
  if (featureNames.length === 0) {
    throw new AppError("VALIDATION", "The CSV has no numeric feature columns left to learn from.");
  }

  const emptyCells: Record<string, number> = {};
  const at = (name: string | undefined, record: string[]) =>
    name === undefined ? undefined : (record[header.indexOf(name)] ?? "");
  const rows = dataLines.map(({ record, line }): TFeatureRow => {
    const group = at(columns.group, record) ?? "";
    if (group === "") {
      throw new AppError(
        "VALIDATION",
        `Line ${line}: the group column "${columns.group}" is empty.`,
      );
    }
    const features: Record<string, number> = {};
    for (const name of featureNames) {
      const value = at(name, record) ?? "";
      if (value === "") emptyCells[name] = (emptyCells[name] ?? 0) + 1;
      features[name] = value === "" ? 0 : (parseNumber(value) ?? 0);
    }
    return {
      group,
      time:
        columns.time === undefined
          ? 0
          : parseTime(at(columns.time, record) ?? "", columns.time, line),
      label:
        columns.label === undefined
          ? null
          : parseLabel(at(columns.label, record) ?? "", columns.label, line),
      features,
    };
  });
  const records = dataLines.map(({ record }) =>
    Object.fromEntries(header.map((name, index) => [name, record[index] ?? ""])),
  );
  return { rows, featureNames, columns: header, records, skippedColumns, emptyCells };
}

function parseLines(text: string): { record: string[]; line: number }[] {
  const lineNumbers: number[] = [];
  try {
    const records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        lineNumbers.push(context.lines);
        return record;
      },
    });
    return records.map((record, index) => ({ record, line: lineNumbers[index] ?? index + 1 }));
  } catch (error) {
    throw new AppError("VALIDATION", `The CSV cannot be read: ${(error as Error).message}`);
  }
}

function parseNumber(text: string): number | null {
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) ? value : null;
}

// Below 1e11 a number is seconds (until the year 5138), above it milliseconds.
function parseTime(text: string, column: string, line: number): number {
  const number = parseNumber(text);
  if (number !== null) return number < 1e11 ? number * 1000 : number;
  const time = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new AppError(
      "VALIDATION",
      `Line ${line}: the time column "${column}" has "${text}": give an ISO date or epoch seconds or milliseconds.`,
    );
  }
  return time;
}

function parseLabel(text: string, column: string, line: number): 0 | 1 {
  const value = parseNumber(text);
  if (value === 0 || value === 1) return value;
  throw new AppError(
    "VALIDATION",
    `Line ${line}: the label column "${column}" has "${text}": it must be 0 or 1.`,
  );
}
