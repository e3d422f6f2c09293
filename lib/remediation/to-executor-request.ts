import { getEnv } from "../env";
import type { TExecutorRequest } from "./executors/schemas";
import type { TFileWrite, TRemediationKind } from "./schemas";

/** What an executor is handed: the reviewed writes, and where the commit message should point. */
export function toExecutorRequest(
  remediation: {
    id: number;
    incidentId: number | null;
    kind: string;
    service: { slug: string };
  },
  reviewed: { summary: string; diffHash: string; writes: TFileWrite[] },
): TExecutorRequest {
  const base = getEnv().FAULTLINE_PUBLIC_URL?.replace(/\/$/, "");
  const incidentUrl =
    remediation.incidentId !== null && base ? `${base}/incidents/${remediation.incidentId}` : null;
  return {
    remediationId: remediation.id,
    incidentId: remediation.incidentId,
    incidentUrl,
    service: remediation.service.slug,
    kind: remediation.kind as TRemediationKind,
    ...reviewed,
  };
}
