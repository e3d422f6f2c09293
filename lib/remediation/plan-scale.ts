import { isScalar } from "yaml";
import { AppError } from "../errors";
import { diffFile } from "./diff-files";
import { findWorkloadOrThrow } from "./find-workload";
import { listDiffWarnings, noChangeWarning } from "./list-plan-warnings";
import { isRecord } from "./read-documents";
import { replaceDocuments } from "./replace-documents";
import type { TFileSet, TRemediationPlan } from "./schemas";

/** Sets a Deployment's or StatefulSet's spec.replicas, editing only that number in its file. */
export function planScale(input: {
  current: TFileSet;
  workload: string;
  replicas: number;
}): TRemediationPlan {
  if (!Number.isInteger(input.replicas) || input.replicas < 0 || input.replicas > 10_000)
    throw new AppError(
      "VALIDATION",
      `replicas must be a whole number from 0 to 10000, not ${input.replicas}.`,
    );
  const { path, content, doc } = findWorkloadOrThrow(input.current, input.workload);
  const key = doc.ref?.key ?? input.workload;
  if (doc.ref?.kind === "DaemonSet")
    throw new AppError(
      "VALIDATION",
      `${key} is a DaemonSet: it runs one pod per node and cannot be scaled.`,
    );
  const spec = isRecord(doc.value) && isRecord(doc.value.spec) ? doc.value.spec : {};
  if (spec.replicas === input.replicas) {
    return {
      kind: "scale",
      writes: [],
      diffs: [],
      warnings: [noChangeWarning(`${key} already runs ${input.replicas} replicas.`)],
    };
  }
  const next = writeReplicas(content, doc, input.replicas);
  const diffs = [diffFile(path, content, next)];
  return {
    kind: "scale",
    writes: [{ path, content: next }],
    diffs,
    warnings: listDiffWarnings(diffs),
  };
}

function writeReplicas(
  content: string,
  doc: ReturnType<typeof findWorkloadOrThrow>["doc"],
  replicas: number,
): string {
  const node = doc.source?.getIn(["spec", "replicas"], true);
  // A plain number in a YAML chunk: swap those digits, keeping every comment and space.
  if (doc.range && isScalar(node) && node.range && node.type === "PLAIN") {
    const start = doc.range.chunkStart + node.range[0];
    return (
      content.slice(0, start) +
      String(replicas) +
      content.slice(doc.range.chunkStart + node.range[1])
    );
  }
  if (doc.source && doc.range) {
    const copy = doc.source.clone();
    copy.setIn(["spec", "replicas"], replicas);
    if (copy.directives) copy.directives.docStart = null;
    return replaceDocuments(content, [{ doc, text: copy.toString({ lineWidth: 0 }) }]);
  }
  if (doc.source)
    throw new AppError("VALIDATION", "This YAML file uses directives; edit its replicas by hand.");
  const value = structuredClone(doc.value) as { spec: Record<string, unknown> };
  value.spec.replicas = replicas;
  return `${JSON.stringify(value, null, 2)}\n`;
}
