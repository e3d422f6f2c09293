"use client";

import { useState } from "react";
import { fetchJson } from "@/app/_components/fetch-json";

/** Email and password; on success the browser goes where it was headed. */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  return (
    <form
      className="sign-in"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setPending(true);
        setError(null);
        try {
          await fetchJson("/api/auth/sign-in", {
            method: "POST",
            body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
          });
          window.location.assign(next);
        } catch (failure) {
          setError(failure instanceof Error ? failure.message : String(failure));
          setPending(false);
        }
      }}
    >
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={isPending}>
        Sign in
      </button>
      {error ? (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
