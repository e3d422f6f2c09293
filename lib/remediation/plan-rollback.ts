import { canonical, diffFile } from "./diff-files";
import { isWorkload, matchKeyOf, readDocuments, type TParsedDocument } from "./read-documents";
import type { TFileSet, TFileWrite, TRemediationPlan, TWarning } from "./schemas";

const KEPT_KINDS = new Set(["ConfigMap", "Secret"]);

/**
 * Rolls the workloads (Deployment, StatefulSet, DaemonSet) back to `target`. Every other document
 * that differs stays as it is and is named in a warning, unless the responder `include`s it.
 */
export function planRollback(input: {
  current: TFileSet;
  target: TFileSet;
  include?: string[];
}): TRemediationPlan {
  const include = new Set(input.include ?? []);
  const writes: TFileWrite[] = [];
  const warnings: TWarning[] = [];
  for (const path of Object.keys(input.current).sort()) {
    const current = input.current[path] as string;
    const target = input.target[path];
    if (target === undefined || target === current) continue;
    const now = readDocuments(path, current);
    const then = readDocuments(path, target);
    if (now.format === "text" || then.format === "text") continue;
    const previous = new Map(then.documents.map((doc) => [matchKeyOf(doc), doc]));
    let isChanged = false;
    const rendered = now.documents.map((doc) => {
      const old = previous.get(matchKeyOf(doc));
      if (!old || canonical(old.value) === canonical(doc.value)) return text(doc);
      const key = doc.ref?.key ?? `${path} document ${doc.index + 1}`;
      if (isWorkload(doc.ref) || include.has(key)) {
        isChanged = true;
        if (!isWorkload(doc.ref)) {
          warnings.push({
            code: "included",
            path,
            document: key,
            message: `${key} is rolled back too, as you added it.`,
          });
        }
        return text(old);
      }
      const kind = doc.ref?.kind ?? "document";
      warnings.push({
        code: "not_reverted",
        path,
        document: key,
        message: KEPT_KINDS.has(kind)
          ? `${kind} ${doc.ref?.namespace}/${doc.ref?.name} changed since then and will NOT be reverted by this rollback; add it to roll it back too.`
          : `${key} changed since then and is left as it is.`,
      });
      return text(doc);
    });
    if (isChanged) writes.push({ path, content: rendered.join("---\n") });
  }
  const diffs = writes.map((write) =>
    diffFile(write.path, input.current[write.path] ?? null, write.content),
  );
  if (writes.length === 0)
    warnings.push({
      code: "no_change",
      message: "The workloads are already as they were in that version.",
    });
  for (const diff of diffs) {
    if (diff.hasSecretChange)
      warnings.push({
        code: "secret_redacted",
        path: diff.path,
        message: `A secret value in ${diff.path} changes; its values are hidden.`,
      });
  }
  return { kind: "rollback", writes, diffs, warnings };
}

/** A document's own text, comments kept (JSON files are one document, re-serialised). */
function text(doc: TParsedDocument): string {
  return doc.source
    ? doc.source.toString({ lineWidth: 0 })
    : `${JSON.stringify(doc.value, null, 2)}\n`;
}
