import { type Document, isMap, isScalar, isSeq, visit } from "yaml";
import { applyMasks, type TMask } from "./redact-secrets";

/** Sorted keys, so two values that differ only in key order compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/**
 * A YAML document as a reviewer reads it: keys sorted, one block style, default quoting, secrets
 * masked. Rendered from the Document so its comments stay beside the keys they describe.
 */
export function renderYamlDocument(source: Document, masks: TMask[]): string {
  const copy = source.clone();
  for (const mask of masks) copy.setIn(mask.path, mask.placeholder);
  visit(copy, {
    Map(_, map) {
      map.flow = false;
      map.items.sort((a, b) => compareKeys(keyText(a.key), keyText(b.key)));
    },
    Seq(_, seq) {
      seq.flow = false;
    },
    Scalar(_, scalar) {
      if (scalar.type !== "BLOCK_LITERAL" && scalar.type !== "BLOCK_FOLDED")
        scalar.type = undefined;
    },
  });
  if (copy.directives) copy.directives.docStart = null;
  return copy.toString({ lineWidth: 0 });
}

export function renderJsonDocument(value: unknown, masks: TMask[]): string {
  return `${JSON.stringify(sortKeys(applyMasks(value, masks)), null, 2)}\n`;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (isMap(key) || isSeq(key)) return JSON.stringify(key.toJSON());
  return String(key);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
