"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fetchJson } from "@/app/_components/fetch-json";
import type { Jsonified } from "@/lib/incidents/schemas";
import type { TIncidentHypotheses } from "@/lib/scoring/get-incident-hypotheses";

type THypotheses = Jsonified<TIncidentHypotheses>;

/** On resolve, the responder says what caused it: a hypothesis, or another service. */
export function ConfirmRootCause({
  incidentId,
  hypotheses,
  confirmed,
  canRespond,
}: {
  incidentId: number;
  hypotheses: THypotheses["hypotheses"];
  confirmed: THypotheses["confirmedCause"];
  canRespond: boolean;
}) {
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<string>(hypotheses[0] ? String(hypotheses[0].id) : "other");
  // Open until confirmed when first shown; it stays as the responder leaves it after that.
  const [isOpen] = useState(!confirmed);
  const confirm = useMutation({
    mutationFn: (body: object) =>
      fetchJson(`/api/incidents/${incidentId}/root-cause`, {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["hypotheses", incidentId] });
      void queryClient.invalidateQueries({ queryKey: ["incident", incidentId] });
    },
  });
  if (!canRespond)
    return confirmed ? (
      <p data-testid="confirmed-cause">
        Confirmed root cause: <b className="mono">{confirmed.service}</b> (by {confirmed.by})
      </p>
    ) : null;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const other = String(new FormData(event.currentTarget).get("otherService") ?? "").trim();
    confirm.mutate(choice === "other" ? { service: other } : { hypothesisId: Number(choice) });
  }
  return (
    <details className="panel confirm-cause" data-testid="confirm-root-cause" open={isOpen}>
      <summary>
        {confirmed
          ? `Confirmed root cause: ${confirmed.service} (by ${confirmed.by})`
          : "Confirm the root cause"}
      </summary>
      <form onSubmit={submit}>
        <fieldset>
          <legend className="subtle">What caused this incident? It teaches the next model.</legend>
          {hypotheses.slice(0, 5).map((hypothesis) => (
            <label key={hypothesis.id} className="choice">
              <input
                type="radio"
                name="cause"
                value={hypothesis.id}
                checked={choice === String(hypothesis.id)}
                onChange={() => setChoice(String(hypothesis.id))}
              />
              {hypothesis.service}{" "}
              {hypothesis.change
                ? `${hypothesis.change.kind} ${hypothesis.change.version ?? ""}`
                : "(no recent change)"}
            </label>
          ))}
          <label className="choice">
            <input
              type="radio"
              name="cause"
              value="other"
              checked={choice === "other"}
              onChange={() => setChoice("other")}
            />
            another service:{" "}
            <input name="otherService" aria-label="Another service" disabled={choice !== "other"} />
          </label>
        </fieldset>
        <div className="controls">
          <button type="submit" disabled={confirm.isPending}>
            Confirm root cause
          </button>
          {confirm.isSuccess ? <span role="status">Recorded.</span> : null}
          {confirm.error ? (
            <span className="error" role="alert">
              {confirm.error.message}
            </span>
          ) : null}
        </div>
      </form>
    </details>
  );
}
