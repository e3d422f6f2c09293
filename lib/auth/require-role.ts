import { AppError } from "../errors";
import { ROLES, type TAuthContext, type TRole } from "./schemas";

export function hasRole(role: TRole, needed: TRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * The role check every mutation makes in lib, next to the change: 401 for nobody signed in,
 * 403 naming the role needed otherwise.
 */
export function requireRole(context: TAuthContext, needed: TRole, what: string): void {
  if (context.actor.via === "anonymous") {
    if (needed === "viewer" && context.role === "viewer") return;
    throw new AppError("UNAUTHORIZED", `Sign in to ${what}.`);
  }
  if (!hasRole(context.role, needed)) {
    throw new AppError(
      "FORBIDDEN",
      `To ${what} you need the ${needed} role; ${context.actor.label} is a ${context.role}.`,
    );
  }
}
