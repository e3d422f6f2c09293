import { isScalar } from "yaml";
import { formatOfPath, isRecord, readDocuments, type TParsedDocument } from "./read-documents";

/** Where a secret value sits in a document: `id` pairs it across versions, `path` finds it. */
export type TSecretValue = { id: string; path: (string | number)[]; value: unknown };
/** A placeholder to write at `path` in place of the secret value. */
export type TMask = { path: (string | number)[]; placeholder: string };

export const REDACTED = "<redacted>";
export const REDACTED_OLD = "<redacted, old>";
export const REDACTED_NEW = "<redacted, new>";

const SECRET_NAME =
  /(passw(or)?d|passphrase|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|(^|[_.-])(pass|pwd)$)/i;
const POD_KINDS = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "Pod",
  "Job",
  "CronJob",
  "ReplicaSet",
]);

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * The secret values of one Kubernetes document: a Secret's data/stringData, and pod env values
 * that are secret-named or sit next to a secretKeyRef.
 */
export function listSecretValues(
  doc: unknown,
  alsoSecret: Set<string> = new Set(),
): TSecretValue[] {
  if (!isRecord(doc) || typeof doc.kind !== "string") return [];
  if (doc.kind === "Secret") {
    return ["data", "stringData"].flatMap((field) => {
      const values = doc[field];
      if (!isRecord(values)) return [];
      return Object.entries(values).map(([key, value]) => ({
        id: `${field}/${key}`,
        path: [field, key],
        value,
      }));
    });
  }
  return POD_KINDS.has(doc.kind) ? listSecretEnv(doc, [], alsoSecret) : [];
}

function listSecretEnv(
  node: unknown,
  path: (string | number)[],
  alsoSecret: Set<string>,
): TSecretValue[] {
  if (Array.isArray(node))
    return node.flatMap((item, i) => listSecretEnv(item, [...path, i], alsoSecret));
  if (!isRecord(node)) return [];
  const found: TSecretValue[] = [];
  for (const [key, value] of Object.entries(node)) {
    if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
      value.forEach((container, i) => {
        found.push(...listContainerSecrets(container, [...path, key, i], alsoSecret));
      });
    } else {
      found.push(...listSecretEnv(value, [...path, key], alsoSecret));
    }
  }
  return found;
}

function listContainerSecrets(
  container: unknown,
  path: (string | number)[],
  alsoSecret: Set<string>,
): TSecretValue[] {
  if (!isRecord(container) || !Array.isArray(container.env)) return [];
  return container.env.flatMap((entry, i) => {
    if (!isRecord(entry) || typeof entry.name !== "string" || !("value" in entry)) return [];
    const valueFrom = isRecord(entry.valueFrom) ? entry.valueFrom : {};
    const id = `env/${String(container.name)}/${entry.name}`;
    if (!isSecretName(entry.name) && !("secretKeyRef" in valueFrom) && !alsoSecret.has(id))
      return [];
    return [{ id, path: [...path, "env", i, "value"], value: entry.value }];
  });
}

/**
 * The placeholders for both versions of a document. A value that changed reads differently on
 * each side (so the diff shows the line changed) but never as what it holds.
 */
export function maskSecretPair(
  before: unknown,
  after: unknown,
): { before: TMask[]; after: TMask[]; hasSecretChange: boolean } {
  // A value secret on either side is hidden on both, so the other side cannot give it away.
  const ids = new Set(
    [...listSecretValues(before), ...listSecretValues(after)].map((secret) => secret.id),
  );
  const x = new Map(listSecretValues(before, ids).map((secret) => [secret.id, secret]));
  const y = new Map(listSecretValues(after, ids).map((secret) => [secret.id, secret]));
  const isChanged = (id: string) =>
    JSON.stringify(x.get(id)?.value) !== JSON.stringify(y.get(id)?.value);
  const masks = (side: Map<string, TSecretValue>, changed: string) =>
    [...side.values()].map((secret) => ({
      path: secret.path,
      placeholder: isChanged(secret.id) ? changed : REDACTED,
    }));
  const hasSecretChange = [...new Set([...x.keys(), ...y.keys()])].some(isChanged);
  return { before: masks(x, REDACTED_OLD), after: masks(y, REDACTED_NEW), hasSecretChange };
}

/** A copy of a plain value with the masks written in. */
export function applyMasks(value: unknown, masks: TMask[]): unknown {
  if (masks.length === 0) return value;
  const copy = structuredClone(value);
  for (const mask of masks) {
    let node: unknown = copy;
    for (const key of mask.path.slice(0, -1))
      node = (node as Record<string | number, unknown>)[key];
    (node as Record<string | number, unknown>)[mask.path.at(-1) as string | number] =
      mask.placeholder;
  }
  return copy;
}

const ASSIGNMENT = /^(\s*(?:export\s+)?(["']?)([A-Za-z0-9_.-]+)\2\s*[=:]\s*)(.*?)(,?)$/;

/** Secret-named `KEY=value` / `key: value` lines (.env, .properties, .ini, unparsable YAML). */
export function redactTextPair(
  before: string,
  after: string,
): { before: string; after: string; hasSecretChange: boolean } {
  const valuesOf = (text: string) =>
    new Map(
      text.split("\n").flatMap((line) => {
        const match = ASSIGNMENT.exec(line);
        return match?.[3] && isSecretName(match[3]) ? [[match[3], match[4]] as const] : [];
      }),
    );
  const x = valuesOf(before);
  const y = valuesOf(after);
  const isChanged = (key: string) => x.get(key) !== y.get(key);
  const rewrite = (text: string, changed: string) =>
    text
      .split("\n")
      .map((line) => {
        const match = ASSIGNMENT.exec(line);
        if (!match?.[3] || !isSecretName(match[3])) return line;
        return `${match[1]}${isChanged(match[3]) ? changed : REDACTED}${match[5]}`;
      })
      .join("\n");
  const hasSecretChange = [...new Set([...x.keys(), ...y.keys()])].some(isChanged);
  return {
    before: rewrite(before, REDACTED_OLD),
    after: rewrite(after, REDACTED_NEW),
    hasSecretChange,
  };
}

/** One file's text with every secret value replaced, for logs, audit rows and API responses. */
export function redactText(path: string, content: string): string {
  const parsed = readDocuments(path, content);
  if (parsed.format === "text") return redactTextPair(content, content).before;
  if (formatOfPath(path) === "json") {
    const doc = parsed.documents[0];
    const masks = maskSecretPair(doc?.value, doc?.value).before;
    return masks.length === 0
      ? content
      : `${JSON.stringify(applyMasks(doc?.value, masks), null, 2)}\n`;
  }
  const edits: { start: number; end: number }[] = [];
  for (const doc of parsed.documents) {
    for (const mask of maskSecretPair(doc.value, doc.value).before) {
      const node = doc.source?.getIn(mask.path, true);
      const isInline = isScalar(node) && node.range && !String(node.type).startsWith("BLOCK");
      // A block scalar or a file read whole (directives) is re-rendered instead.
      if (!isInline || !doc.range || !node.range)
        return parsed.documents.map(redactDocument).join("");
      edits.push({
        start: doc.range.chunkStart + node.range[0],
        end: doc.range.chunkStart + node.range[1],
      });
    }
  }
  // From the end, so earlier offsets stay valid; every other byte of the file is kept.
  let text = content;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    text = text.slice(0, edit.start) + REDACTED + text.slice(edit.end);
  return text;
}

function redactDocument(doc: TParsedDocument): string {
  const copy = doc.source?.clone();
  if (!copy) return "";
  for (const mask of maskSecretPair(doc.value, doc.value).before)
    copy.setIn(mask.path, mask.placeholder);
  return copy.toString({ lineWidth: 0 });
}
