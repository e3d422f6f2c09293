import { isRecord } from "./read-documents";

const SECRET_NAME = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;
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

/** What a hidden value reads as: the same on both sides when unchanged, different when changed. */
function mask(isChanged: boolean, side: "before" | "after"): string {
  if (!isChanged) return "REDACTED";
  return side === "before" ? "REDACTED (old value)" : "REDACTED (new value)";
}

/**
 * Both sides of a document with secret values hidden: a Secret's data/stringData, and pod env
 * values that are secret-named or sit next to a secretKeyRef. Returns whether a hidden value changed.
 */
export function redactDocumentPair(
  before: unknown,
  after: unknown,
): { before: unknown; after: unknown; hasSecretChange: boolean } {
  const state = { hasSecretChange: false };
  const kind = isRecord(after) ? after.kind : isRecord(before) ? before.kind : undefined;
  const b = structuredClone(before);
  const a = structuredClone(after);
  if (kind === "Secret") {
    for (const field of ["data", "stringData"]) {
      redactMaps(pick(b, field), pick(a, field), () => true, state);
    }
  } else if (typeof kind === "string" && POD_KINDS.has(kind)) {
    const beforeEnv = listEnv(b);
    const afterEnv = listEnv(a);
    const names = new Set([...beforeEnv.keys(), ...afterEnv.keys()]);
    for (const name of names) {
      const x = beforeEnv.get(name);
      const y = afterEnv.get(name);
      if (!isSecretEnv(name, x) && !isSecretEnv(name, y)) continue;
      const isChanged = x?.value !== y?.value;
      if (isChanged && (x?.value !== undefined || y?.value !== undefined))
        state.hasSecretChange = true;
      if (x && x.value !== undefined) x.value = mask(isChanged, "before");
      if (y && y.value !== undefined) y.value = mask(isChanged, "after");
    }
  }
  return { before: b, after: a, hasSecretChange: state.hasSecretChange };
}

function isSecretEnv(name: string, entry: Record<string, unknown> | undefined): boolean {
  if (!entry) return false;
  const valueFrom = isRecord(entry.valueFrom) ? entry.valueFrom : {};
  return isSecretName(name) || "secretKeyRef" in valueFrom;
}

function pick(doc: unknown, field: string): Record<string, unknown> | null {
  return isRecord(doc) && isRecord(doc[field]) ? doc[field] : null;
}

function redactMaps(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  isSecret: (key: string) => boolean,
  state: { hasSecretChange: boolean },
): void {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (!isSecret(key)) continue;
    const isChanged = JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key]);
    if (isChanged) state.hasSecretChange = true;
    if (before && key in before) before[key] = mask(isChanged, "before");
    if (after && key in after) after[key] = mask(isChanged, "after");
  }
}

/** Every container's env entries by "container/NAME", in a workload or a bare pod spec. */
function listEnv(doc: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isRecord(node)) return;
    for (const field of ["containers", "initContainers"]) {
      const containers = node[field];
      if (!Array.isArray(containers)) continue;
      for (const container of containers) {
        if (!isRecord(container) || !Array.isArray(container.env)) continue;
        for (const entry of container.env) {
          if (isRecord(entry) && typeof entry.name === "string")
            found.set(`${String(container.name)}/${entry.name}`, entry);
        }
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(doc);
  return found;
}

/** `KEY=value` / `key: value` lines of .env, .properties and .ini files, secret-named values hidden. */
export function redactTextPair(
  before: string,
  after: string,
): { before: string; after: string; hasSecretChange: boolean } {
  const pattern = /^(\s*(?:export\s+)?([A-Za-z0-9_.-]+)\s*[=:]\s*)(.*)$/;
  const valuesOf = (text: string) =>
    new Map(
      text.split("\n").flatMap((line) => {
        const match = pattern.exec(line);
        return match?.[2] && isSecretName(match[2]) ? [[match[2], match[3]] as const] : [];
      }),
    );
  const b = valuesOf(before);
  const a = valuesOf(after);
  let hasSecretChange = false;
  const rewrite = (text: string, side: "before" | "after") =>
    text
      .split("\n")
      .map((line) => {
        const match = pattern.exec(line);
        if (!match?.[2] || !isSecretName(match[2])) return line;
        const isChanged = b.get(match[2]) !== a.get(match[2]);
        if (isChanged) hasSecretChange = true;
        return `${match[1]}${mask(isChanged, side)}`;
      })
      .join("\n");
  return { before: rewrite(before, "before"), after: rewrite(after, "after"), hasSecretChange };
}
