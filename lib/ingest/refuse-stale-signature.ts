import { getEnv } from "../env";
import { AppError } from "../errors";
import type { PresentedCredentials } from "../integrations/verify-credentials";
import { isSignatureFresh } from "./is-signature-fresh";

/**
 * 401 for a Grafana signature whose signed timestamp is outside the allowed age: a recorded
 * request replayed later. Checked before the body is read; the HMAC then binds the timestamp.
 */
export function refuseStaleSignature(presented: PresentedCredentials, now: Date): void {
  const timestamp = presented.grafanaSignature?.timestamp;
  if (timestamp == null) return;
  const maxAgeSeconds = getEnv().FAULTLINE_GRAFANA_SIGNATURE_MAX_AGE_SECONDS;
  if (!isSignatureFresh(timestamp, now, maxAgeSeconds))
    throw new AppError("UNAUTHORIZED", "Missing or invalid credentials.");
}
