"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/app/_components/fetch-json";
import type { Jsonified } from "@/lib/incidents/schemas";
import type { TRemediationView } from "@/lib/remediation/schemas";

/**
 * "Add it to a rollback": a new rollback to the same version that takes this document too,
 * previewed beside the suggestion, so the wider change is reviewed on its own diff and hash.
 */
export function useIncludeInRollback(remediation: Jsonified<TRemediationView>) {
  const queryClient = useQueryClient();
  const included = remediation.warnings
    .filter((warning) => warning.code === "included" && warning.document)
    .map((warning) => warning.document as string);
  return useMutation({
    mutationFn: (document: string) =>
      fetchJson(`/api/incidents/${remediation.incidentId}/remediations`, {
        method: "POST",
        body: JSON.stringify({
          kind: "rollback",
          service: remediation.service,
          ...(remediation.toVersion ? { toVersion: remediation.toVersion } : {}),
          include: [...included, document],
        }),
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ["remediations", remediation.incidentId] }),
  });
}
