import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { IntegrationKind } from "../generated/prisma/enums";
import { processWide } from "../process-wide";
import { isProvenBySecret, type PresentedCredentials } from "./verify-credentials";

type ActiveSecret = { integrationId: number; secret: string };

// Secrets change rarely and every webhook needs them: cached briefly per process. A disabled or
// rotated-out secret stops working here within CACHE_SECONDS (or at once in the process that
// changed it).
const CACHE_SECONDS = 5;
const cache = processWide(
  "webhook-secrets",
  () => new Map<IntegrationKind, { loadedAt: number; secrets: ActiveSecret[] }>(),
);

export function forgetCachedSecrets(): void {
  cache.clear();
}

async function loadActiveSecrets(kind: IntegrationKind, now: Date): Promise<ActiveSecret[]> {
  const cached = cache.get(kind);
  if (cached && now.getTime() - cached.loadedAt < CACHE_SECONDS * 1000) return cached.secrets;
  const prisma = await getPrisma();
  const rows = await prisma.integrationSecret.findMany({
    where: {
      integration: { kind, isEnabled: true },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: { integrationId: true, value: true, expiresAt: true },
  });
  const secrets = rows.map((row) => ({ integrationId: row.integrationId, secret: row.value }));
  // Never cache past the moment a rotated-out secret expires.
  const soonestExpiry = Math.min(
    ...rows.map((row) => row.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY),
  );
  const loadedAt = Math.min(now.getTime(), soonestExpiry - CACHE_SECONDS * 1000);
  cache.set(kind, { loadedAt, secrets });
  return secrets;
}

/**
 * The integration whose secret the request proves, or 401 that does not say what was wrong.
 * `rawBody` null: before the body is read, by header proofs only (see isDecidedByHeaders).
 */
export async function authenticateWebhook(
  kind: IntegrationKind,
  presented: PresentedCredentials,
  rawBody: string | null,
  now = new Date(),
): Promise<{ integrationId: number }> {
  const secrets = await loadActiveSecrets(kind, now);
  for (const { integrationId, secret } of secrets) {
    if (isProvenBySecret(kind, presented, rawBody, secret)) return { integrationId };
  }
  throw new AppError("UNAUTHORIZED", "Missing or invalid credentials.");
}
