/**
 * Whether a signed request's timestamp (Unix seconds, as Grafana sends it) is recent enough to
 * be a first delivery rather than a replay: at most `maxAgeSeconds` old, and no further ahead.
 */
export function isSignatureFresh(timestamp: string, now: Date, maxAgeSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp.trim())) return false;
  const ageSeconds = now.getTime() / 1000 - Number(timestamp);
  return Math.abs(ageSeconds) <= maxAgeSeconds;
}
