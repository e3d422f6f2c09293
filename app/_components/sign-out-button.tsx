"use client";

import { fetchJson } from "./fetch-json";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="link-button"
      onClick={async () => {
        await fetchJson("/api/auth/sign-out", { method: "POST", body: "{}" });
        window.location.assign("/login");
      }}
    >
      Sign out
    </button>
  );
}
