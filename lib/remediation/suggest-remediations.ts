import type { TRemediationParams } from "./schemas";

export type TSuspectService = {
  serviceId: number;
  /** Its changes inside the look-back window, oldest first. */
  changes: { id: number; kind: string; paths: string[] }[];
  /** Its last change before the first of those: the version to go back to. */
  previous: { id: number } | null;
};

export type TSuggestion = { serviceId: number; key: string; params: TRemediationParams };

/**
 * One suggestion per suspect service that has a version to go back to: a deploy in the window
 * suggests rolling its workloads back; config or flag changes alone suggest reverting their files.
 */
export function suggestRemediations(
  incidentId: number,
  services: TSuspectService[],
): TSuggestion[] {
  return services.flatMap((service) => {
    const withFiles = service.changes.filter((change) => change.paths.length > 0);
    if (!service.previous || withFiles.length === 0) return [];
    const toChangeId = service.previous.id;
    const isDeploy = withFiles.some((change) => change.kind === "deploy");
    const params: TRemediationParams = isDeploy
      ? { kind: "rollback", toChangeId, include: [] }
      : {
          kind: "revert",
          toChangeId,
          paths: [...new Set(withFiles.flatMap((change) => change.paths))].sort(),
        };
    const key = `incident:${incidentId}:service:${service.serviceId}:${params.kind}:to:${toChangeId}`;
    return [{ serviceId: service.serviceId, key, params }];
  });
}
