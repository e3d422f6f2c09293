"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fetchJson } from "@/app/_components/fetch-json";

type TKind = "rollback" | "revert" | "scale" | "toggle";

const HINTS: Record<TKind, string> = {
  rollback: "Roll a service's workloads back to a recorded version.",
  revert: "Put config files back as they were in a recorded version.",
  scale: "Set a Deployment's or StatefulSet's replicas.",
  toggle: "Flip a boolean feature flag in the service's config files.",
};

/** A remediation started by hand, for any service and version; previewed, never applied here. */
export function StartRemediationForm({
  incidentId,
  defaultService,
}: {
  incidentId: number;
  defaultService: string;
}) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<TKind>("rollback");
  const start = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      fetchJson(`/api/incidents/${incidentId}/remediations`, {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["remediations", incidentId] }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const optional = (name: string) => (text(name) ? text(name) : undefined);
    const body: Record<string, unknown> = { kind, service: text("service") };
    if (kind === "rollback" || kind === "revert") body.toVersion = optional("toVersion");
    if (kind === "revert" && text("files"))
      body.files = text("files")
        .split(",")
        .map((path) => path.trim())
        .filter(Boolean);
    if (kind === "scale") {
      body.workload = text("workload");
      body.replicas = Number(text("replicas"));
    }
    if (kind === "toggle") {
      body.flag = text("flag");
      const state = text("state");
      if (state !== "flip") body.enabled = state === "on";
    }
    start.mutate(body);
  }
  return (
    <details className="panel start-remediation" data-testid="start-remediation">
      <summary>Start a remediation by hand</summary>
      <form onSubmit={submit} className="start-remediation-form">
        <label>
          Kind
          <select value={kind} onChange={(event) => setKind(event.target.value as TKind)}>
            <option value="rollback">rollback</option>
            <option value="revert">revert files</option>
            <option value="scale">scale</option>
            <option value="toggle">toggle a flag</option>
          </select>
        </label>
        <label>
          Service
          <input name="service" defaultValue={defaultService} required />
        </label>
        {kind === "rollback" || kind === "revert" ? (
          <label>
            To version
            <input name="toVersion" placeholder="the last one before the suspect change" />
          </label>
        ) : null}
        {kind === "revert" ? (
          <label>
            Files
            <input name="files" placeholder="every file that differs (or a, b, …)" />
          </label>
        ) : null}
        {kind === "scale" ? (
          <>
            <label>
              Workload
              <input name="workload" placeholder="order-service" required />
            </label>
            <label>
              Replicas
              <input name="replicas" type="number" min={0} max={10000} required />
            </label>
          </>
        ) : null}
        {kind === "toggle" ? (
          <>
            <label>
              Flag
              <input name="flag" required />
            </label>
            <label>
              Set to
              <select name="state" defaultValue="flip">
                <option value="flip">the opposite</option>
                <option value="on">on</option>
                <option value="off">off</option>
              </select>
            </label>
          </>
        ) : null}
        <p className="subtle">{HINTS[kind]} You review its diff before anything is applied.</p>
        <div className="controls">
          <button type="submit" disabled={start.isPending}>
            Preview
          </button>
          {start.error ? (
            <span className="error" role="alert">
              {start.error.message}
            </span>
          ) : null}
        </div>
      </form>
    </details>
  );
}
