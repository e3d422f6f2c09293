/** FAULTLINE_PROMETHEUS_ALLOWED_HOSTS unset: the machine itself, and nothing else. */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Whether catalog metadata may send Faultline's requests to this URL: http(s) only, to a host on
 * the allowlist (`host` allows any port, `host:port` just that one). Catalog files come from
 * outside; without this they could aim the server at anything it can reach.
 */
export function isAllowedPrometheusHost(url: URL, allowedHosts: readonly string[]): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  const hostname = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowedHosts.some((entry) => {
    const allowed = entry.trim().toLowerCase();
    return allowed === hostname || allowed === `${hostname}:${port}`;
  });
}
