import { type Document, isScalar, parseDocument } from "yaml";
import { AppError } from "../errors";
import { diffFile } from "./diff-files";
import { listDiffWarnings, noChangeWarning } from "./list-plan-warnings";
import { formatOfPath, readDocuments } from "./read-documents";
import type { TFileSet, TRemediationPlan } from "./schemas";

/** A flag's value where it is written: `start`/`end` are the value's characters in the file. */
type TFlagSite = {
  path: string;
  value: boolean | null;
  raw: string;
  start: number;
  end: number;
  quote: string;
};

const KEY_VALUE_FILE = /(\.properties|\.ini|\.env|(^|\/)\.env(\.[\w-]+)?)$/i;

/**
 * Flips a boolean feature flag (or sets it to `enabled`) in the service's JSON, YAML, .properties,
 * .env or .ini files. `flag` is a top-level key, a dotted path, or a ConfigMap data key.
 */
export function planToggle(input: {
  current: TFileSet;
  flag: string;
  enabled?: boolean;
}): TRemediationPlan {
  const sites = Object.keys(input.current)
    .sort()
    .flatMap((path) => findFlagSites(path, input.current[path] as string, input.flag));
  const [site, ...others] = sites;
  if (!site)
    throw new AppError(
      "VALIDATION",
      `Flag "${input.flag}" was not found in the service's config files.`,
    );
  if (others.length > 0) {
    const paths = [...new Set(sites.map((item) => item.path))].join(", ");
    throw new AppError(
      "VALIDATION",
      `Flag "${input.flag}" is set in more than one place (${paths}); edit them by hand.`,
    );
  }
  if (site.value === null)
    throw new AppError(
      "VALIDATION",
      `Flag "${input.flag}" in ${site.path} is not a boolean (it is ${site.raw}).`,
    );
  const enabled = input.enabled ?? !site.value;
  if (enabled === site.value)
    return {
      kind: "toggle",
      writes: [],
      diffs: [],
      warnings: [noChangeWarning(`Flag "${input.flag}" is already ${enabled ? "on" : "off"}.`)],
    };
  const content = input.current[site.path] as string;
  const next = `${content.slice(0, site.start)}${site.quote}${enabled}${site.quote}${content.slice(site.end)}`;
  const diffs = [diffFile(site.path, content, next)];
  return {
    kind: "toggle",
    writes: [{ path: site.path, content: next }],
    diffs,
    warnings: listDiffWarnings(diffs),
  };
}

function findFlagSites(path: string, content: string, flag: string): TFlagSite[] {
  if (KEY_VALUE_FILE.test(path)) return findKeyValueSites(path, content, flag);
  const format = formatOfPath(path);
  if (format === "json") {
    const doc = parseDocument(content);
    return doc.errors.length > 0 ? [] : findDocumentSites(path, doc, 0, flag);
  }
  if (format !== "yaml") return [];
  const parsed = readDocuments(path, content);
  if (parsed.format === "text") return [];
  return parsed.documents.flatMap((doc) =>
    doc.source && doc.range ? findDocumentSites(path, doc.source, doc.range.chunkStart, flag) : [],
  );
}

function findDocumentSites(path: string, doc: Document, offset: number, flag: string): TFlagSite[] {
  const isConfigMap = doc.get("kind") === "ConfigMap";
  const candidates = [
    flag.split("."),
    ...(flag.includes(".") ? [[flag]] : []),
    ...(isConfigMap ? [["data", flag]] : []),
  ];
  for (const keys of candidates) {
    const node = doc.getIn(keys, true);
    if (!isScalar(node) || !node.range) continue;
    const quote = node.type === "QUOTE_DOUBLE" ? '"' : node.type === "QUOTE_SINGLE" ? "'" : "";
    const value =
      typeof node.value === "boolean"
        ? node.value
        : isConfigMap
          ? parseBoolean(String(node.value))
          : null;
    const [start, end] = [offset + node.range[0], offset + node.range[1]];
    return [
      {
        path,
        value,
        raw: JSON.stringify(node.value),
        start,
        end,
        quote: value === null ? "" : quote,
      },
    ];
  }
  return [];
}

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z0-9_.-]+)(\s*[=:]\s*)(.*?)\s*$/;

function findKeyValueSites(path: string, content: string, flag: string): TFlagSite[] {
  const sites: TFlagSite[] = [];
  let offset = 0;
  for (const line of content.split("\n")) {
    const match = ASSIGNMENT.exec(line);
    if (match?.[2] === flag) {
      const raw = match[4] ?? "";
      const quote = /^(["'])(.*)\1$/.exec(raw)?.[1] ?? "";
      const start = offset + (match[1]?.length ?? 0) + flag.length + (match[3]?.length ?? 0);
      const value = parseBoolean(quote ? raw.slice(1, -1) : raw);
      sites.push({ path, value, raw: JSON.stringify(raw), start, end: start + raw.length, quote });
    }
    offset += line.length + 1;
  }
  return sites;
}

function parseBoolean(text: string): boolean | null {
  const lower = text.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : null;
}
