import os from "node:os";
import type { TAuthContext } from "./schemas";

/** Whoever runs the CLI can reach the database already: they act as admin, named by OS user. */
export function getCliContext(): TAuthContext {
  let user = "unknown";
  try {
    user = os.userInfo().username;
  } catch {}
  return {
    actor: { label: `cli:${user}`, userId: null, via: "cli" },
    role: "admin",
    ip: null,
    userAgent: null,
  };
}

/**
 * Work the server does by itself or on a sender's word (auto-resolve, PagerDuty's updates, the
 * demo's seed), named as the timeline should name it.
 */
export function getSystemContext(label = "faultline"): TAuthContext {
  return {
    actor: { label, userId: null, via: "system" },
    role: "admin",
    ip: null,
    userAgent: null,
  };
}
