import { AppError } from "../errors";
import { diffFile } from "./diff-files";
import { listDiffWarnings, noChangeWarning } from "./list-plan-warnings";
import {
  describeDocument,
  isWorkload,
  matchKeyOf,
  readDocuments,
  type TParsedDocument,
} from "./read-documents";
import { canonical } from "./render-document";
import { documentText, replaceDocuments, type TReplacement } from "./replace-documents";
import type { TFileSet, TFileWrite, TRemediationPlan, TWarning } from "./schemas";

/**
 * Rolls the workloads (Deployment, StatefulSet, DaemonSet) back to `target`, the earlier release.
 * Every other document that differs stays as it is and is named in a warning, unless the
 * responder `include`s its key.
 */
export function planRollback(input: {
  current: TFileSet;
  target: TFileSet;
  include?: string[];
}): TRemediationPlan {
  const include = new Set(input.include ?? []);
  const seen = new Set<string>();
  const writes: TFileWrite[] = [];
  const warnings: TWarning[] = [];
  for (const path of Object.keys(input.current).sort()) {
    const current = input.current[path] as string;
    const target = input.target[path];
    const file = rollBackFile(path, current, target, include);
    for (const key of file.keys) seen.add(key);
    warnings.push(...file.warnings);
    if (file.content !== null && file.content !== current)
      writes.push({ path, content: file.content });
  }
  const unknown = [...include].filter((key) => !seen.has(key));
  if (unknown.length > 0)
    throw new AppError("VALIDATION", `No such document in these files: ${unknown.join(", ")}`);
  const diffs = writes.map((write) =>
    diffFile(write.path, input.current[write.path] ?? null, write.content),
  );
  if (writes.length === 0)
    warnings.push(noChangeWarning("The workloads are already as they were in that version."));
  return { kind: "rollback", writes, diffs, warnings: [...warnings, ...listDiffWarnings(diffs)] };
}

function rollBackFile(
  path: string,
  current: string,
  target: string | undefined,
  include: Set<string>,
): { content: string | null; warnings: TWarning[]; keys: string[] } {
  const now = readDocuments(path, current);
  const then = target === undefined ? null : readDocuments(path, target);
  if (now.format === "text" || then?.format === "text") {
    const warnings = target !== undefined && target !== current ? [notKubernetes(path)] : [];
    return { content: null, warnings, keys: [] };
  }
  const keys = now.documents.flatMap((doc) => (doc.ref ? [doc.ref.key] : []));
  if (!now.documents.some((doc) => doc.ref)) {
    const isChanged =
      then !== null &&
      canonical(now.documents.map((d) => d.value)) !==
        canonical(then.documents.map((d) => d.value));
    return { content: null, warnings: isChanged ? [notKubernetes(path)] : [], keys };
  }
  const previous = new Map((then?.documents ?? []).map((doc) => [matchKeyOf(doc), doc]));
  const replacements: TReplacement[] = [];
  const warnings: TWarning[] = [];
  for (const doc of now.documents) {
    const old = previous.get(matchKeyOf(doc));
    if (!doc.ref || (old && canonical(old.value) === canonical(doc.value))) continue;
    const key = describeDocument(path, doc);
    if (!old) {
      warnings.push(notReverted(path, doc, "was added since then and is left in place"));
    } else if (isWorkload(doc.ref) || include.has(key)) {
      replacements.push({ doc, text: documentText(target as string, old) });
      if (!isWorkload(doc.ref))
        warnings.push({
          code: "included",
          path,
          document: key,
          message: `${key} is rolled back too, as you added it.`,
        });
    } else {
      warnings.push(
        notReverted(path, doc, "changed in the same deploy and will NOT be reverted", true),
      );
    }
  }
  const currentKeys = new Set(now.documents.map(matchKeyOf));
  for (const old of then?.documents ?? []) {
    if (old.ref && !currentKeys.has(matchKeyOf(old)))
      warnings.push(notReverted(path, old, "was removed since then and is not restored"));
  }
  return { content: writeFile(current, now.documents, replacements), warnings, keys };
}

/** In place when every document has its range; else (JSON, YAML directives) re-rendered whole. */
function writeFile(
  current: string,
  documents: TParsedDocument[],
  replacements: TReplacement[],
): string {
  if (replacements.length === 0) return current;
  if (documents.every((doc) => doc.range)) return replaceDocuments(current, replacements);
  const byDoc = new Map(replacements.map((item) => [item.doc, item.text]));
  const texts = documents.map((doc) => byDoc.get(doc) ?? documentText(current, doc));
  return documents.every((doc) => doc.source) ? texts.join("---\n") : (texts[0] ?? "");
}

function notReverted(
  path: string,
  doc: TParsedDocument,
  what: string,
  canInclude = false,
): TWarning {
  const key = describeDocument(path, doc);
  const name = doc.ref ? `${doc.ref.kind} ${doc.ref.namespace}/${doc.ref.name}` : key;
  return {
    code: "not_reverted",
    path,
    document: key,
    message: canInclude ? `${name} ${what}; add it to roll it back too.` : `${name} ${what}.`,
    ...(canInclude ? { canInclude: true } : {}),
  };
}

function notKubernetes(path: string): TWarning {
  return {
    code: "not_reverted",
    path,
    message: `${path} changed since then but holds no Kubernetes workload; a rollback leaves it (revert the file to restore it).`,
  };
}
