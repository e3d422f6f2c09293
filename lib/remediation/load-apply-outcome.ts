import { getPrisma } from "../db";
import { refreshRemediation } from "./refresh-remediation";
import type { TApplyView, TRemediationView } from "./schemas";
import { REMEDIATION_ROW_SELECT, toApplyView } from "./to-remediation-view";

export type TApplyOutcome = {
  remediation: TRemediationView;
  apply: TApplyView & { result: { code?: string } | null };
  /** True when this hash had been applied already: nothing more was done. */
  isRepeat: boolean;
};

/** An apply record and its remediation as they stand now. */
export async function loadApplyOutcome(applyId: number, isRepeat: boolean): Promise<TApplyOutcome> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const apply = await tx.remediationApply.findUniqueOrThrow({
      where: { id: applyId },
      select: { remediationId: true },
    });
    const row = await tx.remediation.findUniqueOrThrow({
      where: { id: apply.remediationId },
      select: REMEDIATION_ROW_SELECT,
    });
    const { view } = await refreshRemediation(tx, row);
    const found = row.applies.find((item) => item.id === applyId);
    if (!found) throw new Error(`apply ${applyId} vanished`);
    const applyView = toApplyView(found) as TApplyOutcome["apply"];
    return { remediation: view, apply: applyView, isRepeat };
  });
}
