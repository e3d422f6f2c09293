/**
 * Tells a change event (sent to /v2/change/enqueue, no event_action) from an alert event, so one
 * endpoint can take both. A body naming a severity is an alert event that forgot its event_action:
 * it is left to fail validation as one rather than be stored as a change.
 */
export function isPagerDutyChangeEvent(json: unknown): boolean {
  if (!isRecord(json) || "event_action" in json) return false;
  return !(isRecord(json.payload) && "severity" in json.payload);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
