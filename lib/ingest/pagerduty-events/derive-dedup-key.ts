import { createHash } from "node:crypto";
import type { TTriggerPayload } from "./schemas";

export type TDedupKeyPayload = Pick<
  TTriggerPayload,
  "summary" | "source" | "component" | "group" | "class"
>;

/**
 * The dedup_key of a trigger sent without one, returned to the sender so it can resolve the alert
 * later. The same integration reporting the same thing gets the same key; the timestamp, severity
 * and custom_details are left out so a repeat of the trigger updates its alert.
 */
export function deriveDedupKey(routingKey: string, payload: TDedupKeyPayload): string {
  const identity = JSON.stringify([
    routingKey,
    payload.source,
    payload.component ?? null,
    payload.group ?? null,
    payload.class ?? null,
    payload.summary,
  ]);
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}
