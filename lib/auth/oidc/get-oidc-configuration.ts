import * as client from "openid-client";
import { AppError } from "../../errors";
import { processWide } from "../../process-wide";
import type { TOidcSettings } from "./schemas";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The provider's discovered metadata and this client, once per process (a failed discovery is
 * forgotten, so the next sign-in tries again). Plain http is allowed only for a provider on
 * this machine's loopback, which is what the tests run; anything else must be https.
 */
export function getOidcConfiguration(settings: TOidcSettings): Promise<client.Configuration> {
  const cache = processWide(
    "oidc-configurations",
    () => new Map<string, Promise<client.Configuration>>(),
  );
  const key = `${settings.issuer} ${settings.clientId}`;
  let found = cache.get(key);
  if (!found) {
    found = discover(settings);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

async function discover(settings: TOidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const isLoopbackHttp = issuer.protocol === "http:" && LOOPBACK_HOSTS.has(issuer.hostname);
  try {
    return await client.discovery(
      issuer,
      settings.clientId,
      undefined,
      client.ClientSecretBasic(settings.clientSecret),
      isLoopbackHttp ? { execute: [client.allowInsecureRequests] } : undefined,
    );
  } catch (error) {
    console.error("[oidc] discovery failed:", error);
    throw new AppError(
      "UNAVAILABLE",
      `Single sign-on is unavailable: the identity provider at ${settings.issuer} could not be reached or described itself wrongly.`,
      { retryAfterSeconds: 30, cause: error },
    );
  }
}
