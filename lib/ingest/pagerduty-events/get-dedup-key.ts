import type { ParsedDelivery } from "../schemas";

/** The dedup_key PagerDuty's Events API answers with: the alert's, or the one acknowledged. */
export function getDedupKey(parsed: ParsedDelivery): string | null {
  const alert = parsed.alerts[0];
  if (alert) return alert.fingerprint;
  const target = parsed.incidentUpdates[0]?.target;
  return target && "alertFingerprint" in target ? target.alertFingerprint : null;
}
