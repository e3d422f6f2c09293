import type { TRemediationParams } from "./schemas";

/** The one line a responder reads first: "Roll back order-service from v42 to v41". */
export function describeRemediation(
  params: TRemediationParams,
  context: {
    service: string;
    fromVersion: string | null;
    toVersion: string | null;
    undoesRemediationId: number | null;
  },
): string {
  const from = context.fromVersion ? ` from ${context.fromVersion}` : "";
  const to = context.toVersion ?? "the earlier version";
  switch (params.kind) {
    case "rollback":
      return `Roll back ${context.service}${from} to ${to}`;
    case "revert":
      return `Revert ${params.paths.join(", ")} on ${context.service} to ${to}`;
    case "scale":
      return `Scale ${params.workload} on ${context.service} to ${params.replicas} replicas`;
    case "toggle": {
      const state = params.enabled === undefined ? "Flip" : params.enabled ? "Turn on" : "Turn off";
      return `${state} flag ${params.flag} on ${context.service}`;
    }
    case "undo":
      return `Undo remediation #${context.undoesRemediationId ?? "?"} on ${context.service}: put back the files it changed`;
  }
}
