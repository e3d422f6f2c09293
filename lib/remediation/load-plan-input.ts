import { loadServiceFiles, type TChangeRef } from "../changes/load-service-files";
import type { Prisma } from "../db";
import { AppError } from "../errors";
import type { TPlanInput } from "./plan-remediation";
import { type TFileSet, type TRemediationParams, ZApplyWrites } from "./schemas";

export type TLoadedPlanInput = {
  input: TPlanInput;
  /** The version the service runs now, and the one a rollback or revert goes back to. */
  fromChange: TChangeRef | null;
  toChange: TChangeRef | null;
};

/** Loads what planRemediation needs for stored params: the current files and the target. */
export async function loadPlanInput(
  tx: Prisma.TransactionClient,
  serviceId: number,
  params: TRemediationParams,
): Promise<TLoadedPlanInput> {
  const { files: current, change: fromChange } = await loadCurrentFiles(tx, serviceId);
  switch (params.kind) {
    case "rollback":
    case "revert": {
      const toChange = await getChangeOrThrow(tx, serviceId, params.toChangeId);
      const { files: target } = await loadServiceFiles(tx, serviceId, toChange);
      return { input: { params, current, target }, fromChange, toChange };
    }
    case "scale":
    case "toggle":
      return { input: { params, current, target: {} }, fromChange, toChange: null };
    case "undo": {
      const writes = await loadApplyWrites(tx, params.applyId);
      const target: TFileSet = { ...current };
      for (const write of writes) {
        if (write.before === null) delete target[write.path];
        else target[write.path] = write.before;
      }
      const undoPaths = writes.map((write) => write.path);
      return { input: { params, current, target, undoPaths }, fromChange, toChange: null };
    }
  }
}

/**
 * The service's files now: its last recorded change, plus what Faultline's own applies wrote
 * since (a GitOps commit is live before the pipeline records it as a change).
 */
export async function loadCurrentFiles(
  tx: Prisma.TransactionClient,
  serviceId: number,
): Promise<{ files: TFileSet; change: TChangeRef | null }> {
  const latest = await loadServiceFiles(tx, serviceId);
  const applies = await tx.remediationApply.findMany({
    where: {
      status: "applied",
      remediation: { serviceId },
      ...(latest.change ? { appliedAt: { gt: latest.change.at } } : {}),
    },
    orderBy: [{ appliedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  const files = { ...latest.files };
  for (const apply of applies) {
    for (const write of await loadApplyWrites(tx, apply.id)) {
      if (write.after === null) delete files[write.path];
      else files[write.path] = write.after;
    }
  }
  return { files, change: latest.change };
}

type TLoadedWrite = { path: string; before: string | null; after: string | null };

async function loadApplyWrites(
  tx: Prisma.TransactionClient,
  applyId: number,
): Promise<TLoadedWrite[]> {
  const apply = await tx.remediationApply.findUnique({
    where: { id: applyId },
    select: { writes: true },
  });
  if (!apply) throw new AppError("NOT_FOUND", `Apply ${applyId} does not exist.`);
  const writes = ZApplyWrites.parse(apply.writes);
  const hashes = writes.flatMap((write) => [write.before, write.after]).filter(isString);
  const contents = await tx.fileContent.findMany({
    where: { sha256: { in: hashes } },
    select: { sha256: true, content: true },
  });
  const byHash = new Map(contents.map((row) => [row.sha256, row.content]));
  const contentOf = (sha: string | null) => (sha === null ? null : (byHash.get(sha) ?? null));
  return writes.map((write) => ({
    path: write.path,
    before: contentOf(write.before),
    after: contentOf(write.after),
  }));
}

async function getChangeOrThrow(
  tx: Prisma.TransactionClient,
  serviceId: number,
  changeId: number,
): Promise<TChangeRef> {
  const change = await tx.changeEvent.findFirst({
    where: { id: changeId, serviceId },
    select: { id: true, version: true, at: true, kind: true },
  });
  if (!change) throw new AppError("NOT_FOUND", `Change ${changeId} is not one of this service's.`);
  return change;
}

function isString(value: string | null): value is string {
  return value !== null;
}
