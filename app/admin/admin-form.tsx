"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { fetchJson } from "@/app/_components/fetch-json";

type TField = {
  name: string;
  label: string;
  type?: "text" | "email" | "number";
  options?: string[];
};

/**
 * A small form that sends its fields as JSON to an admin API and refreshes the page; a secret
 * in the answer (a new token or password) is shown once, here, and nowhere else.
 */
export function AdminForm({
  action,
  method = "POST",
  fields = [],
  fixed = {},
  submitLabel,
  testId,
}: {
  action: string;
  method?: "POST" | "PATCH";
  fields?: TField[];
  fixed?: Record<string, unknown>;
  submitLabel: ReactNode;
  testId?: string;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "secret"; text: string } | null>(null);
  return (
    <form
      className="admin-form"
      data-testid={testId}
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const body: Record<string, unknown> = { ...fixed };
        for (const field of fields) {
          const value = String(form.get(field.name) ?? "").trim();
          if (value !== "") body[field.name] = field.type === "number" ? Number(value) : value;
        }
        try {
          const answer = await fetchJson<{ secret?: string; password?: string | null }>(action, {
            method,
            body: JSON.stringify(body),
          });
          const secret = answer.secret ?? answer.password;
          setMessage(secret ? { kind: "secret", text: secret } : null);
          router.refresh();
        } catch (failure) {
          setMessage({
            kind: "error",
            text: failure instanceof Error ? failure.message : "failed",
          });
        }
      }}
    >
      {fields.map((field) =>
        field.options ? (
          <select key={field.name} name={field.name} aria-label={field.label}>
            {field.options.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        ) : (
          <input
            key={field.name}
            name={field.name}
            type={field.type ?? "text"}
            placeholder={field.label}
            aria-label={field.label}
          />
        ),
      )}
      <button type="submit">{submitLabel}</button>
      {message?.kind === "secret" ? (
        <p className="secret" data-testid="shown-once">
          Copy it now, it will not be shown again: <code>{message.text}</code>
        </p>
      ) : null}
      {message?.kind === "error" ? <p className="error">{message.text}</p> : null}
    </form>
  );
}
