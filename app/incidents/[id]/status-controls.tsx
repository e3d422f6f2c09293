"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchJson } from "@/app/_components/fetch-json";
import type { TStatusChangeBody } from "@/lib/incidents/schemas";

type Status = "triggered" | "acknowledged" | "mitigated" | "resolved";
const NEXT_STEPS: { status: TStatusChangeBody["status"]; label: string; after: Status[] }[] = [
  { status: "acknowledged", label: "Acknowledge", after: ["triggered"] },
  { status: "mitigated", label: "Mitigated", after: ["triggered", "acknowledged"] },
  { status: "resolved", label: "Resolve", after: ["triggered", "acknowledged", "mitigated"] },
];
const NAME_KEY = "faultline.responder";

/** Acknowledge / mitigate / resolve, recorded on the timeline under the responder's name. */
export function StatusControls({ incidentId, status }: { incidentId: number; status: Status }) {
  const queryClient = useQueryClient();
  const [actor, setActor] = useState("");
  useEffect(() => setActor(window.localStorage.getItem(NAME_KEY) ?? ""), []);
  const change = useMutation({
    mutationFn: (next: TStatusChangeBody["status"]) =>
      fetchJson(`/api/incidents/${incidentId}/status`, {
        method: "POST",
        body: JSON.stringify({ status: next, actor: actor.trim() }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["incident", incidentId] }),
  });
  const steps = NEXT_STEPS.filter((step) => step.after.includes(status));
  if (steps.length === 0) return null;
  return (
    <div className="controls" data-testid="status-controls">
      <input
        aria-label="Your name"
        placeholder="Your name"
        value={actor}
        onChange={(event) => {
          setActor(event.target.value);
          window.localStorage.setItem(NAME_KEY, event.target.value);
        }}
      />
      {steps.map((step) => (
        <button
          key={step.status}
          type="button"
          disabled={!actor.trim() || change.isPending}
          onClick={() => change.mutate(step.status)}
        >
          {step.label}
        </button>
      ))}
      {change.error ? <span className="error">{change.error.message}</span> : null}
    </div>
  );
}
