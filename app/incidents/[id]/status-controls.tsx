"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/app/_components/fetch-json";
import type { TStatusChangeBody } from "@/lib/incidents/schemas";

type Status = "triggered" | "acknowledged" | "mitigated" | "resolved";
const NEXT_STEPS: { status: TStatusChangeBody["status"]; label: string; after: Status[] }[] = [
  { status: "acknowledged", label: "Acknowledge", after: ["triggered"] },
  { status: "mitigated", label: "Mitigated", after: ["triggered", "acknowledged"] },
  { status: "resolved", label: "Resolve", after: ["triggered", "acknowledged", "mitigated"] },
];
/** Acknowledge / mitigate / resolve, recorded on the timeline under the signed-in user. */
export function StatusControls({ incidentId, status }: { incidentId: number; status: Status }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (next: TStatusChangeBody["status"]) =>
      fetchJson(`/api/incidents/${incidentId}/status`, {
        method: "POST",
        body: JSON.stringify({ status: next }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["incident", incidentId] }),
  });
  const steps = NEXT_STEPS.filter((step) => step.after.includes(status));
  if (steps.length === 0) return null;
  return (
    <div className="controls" data-testid="status-controls">
      {steps.map((step) => (
        <button
          key={step.status}
          type="button"
          disabled={change.isPending}
          onClick={() => change.mutate(step.status)}
        >
          {step.label}
        </button>
      ))}
      {change.error ? <span className="error">{change.error.message}</span> : null}
    </div>
  );
}
