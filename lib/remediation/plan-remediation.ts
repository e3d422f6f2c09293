import { hashContent } from "../changes/hash-content";
import { computeDiffHash } from "./compute-diff-hash";
import { planRevert } from "./plan-revert";
import { planRollback } from "./plan-rollback";
import { planScale } from "./plan-scale";
import { planToggle } from "./plan-toggle";
import type { TFileSet, TRemediationParams, TRemediationPlan } from "./schemas";

export type TPlanInput = {
  params: TRemediationParams;
  /** The service's files as they are now. */
  current: TFileSet;
  /** What a rollback, revert or undo restores; unused by scale and toggle. */
  target: TFileSet;
  /** For an undo: the paths the apply wrote (one it created is missing from `target`). */
  undoPaths?: string[];
};

export type TPlannedRemediation = { plan: TRemediationPlan; diffHash: string };

/**
 * The plan for stored params and its hash, pinned to the current files' hashes: anything that
 * moves them (a deploy, an apply) gives another hash, so a stale preview cannot be applied.
 */
export function planRemediation(input: TPlanInput): TPlannedRemediation {
  const plan = planByKind(input);
  const base = Object.fromEntries(
    Object.keys(input.current)
      .sort()
      .map((path) => [path, hashContent(input.current[path] as string)]),
  );
  return { plan, diffHash: computeDiffHash({ diffs: plan.diffs, base, writes: plan.writes }) };
}

function planByKind({ params, current, target, undoPaths }: TPlanInput): TRemediationPlan {
  switch (params.kind) {
    case "rollback":
      return planRollback({ current, target, include: params.include });
    case "revert":
      return planRevert({ current, target, paths: params.paths });
    case "scale":
      return planScale({ current, workload: params.workload, replicas: params.replicas });
    case "toggle":
      return planToggle({ current, flag: params.flag, enabled: params.enabled });
    case "undo":
      return planRevert({ current, target, paths: undoPaths ?? [] });
  }
}
