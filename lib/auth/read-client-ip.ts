/** Set by `faultline serve` from the socket (overwriting whatever a client sent). */
export const CLIENT_IP_HEADER = "x-faultline-client-ip";

/**
 * The client's address as `faultline serve` saw it. Behind a reverse proxy that is the proxy;
 * `next dev` sets none. Forwarded-for headers are never trusted: any client can write them.
 */
export function readClientIp(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER) || null;
}
