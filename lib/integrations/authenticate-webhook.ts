import { getPrisma } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import type { IntegrationKind } from "../generated/prisma/enums";
import { processWide } from "../process-wide";
import { decryptSecret } from "./encrypt-secret";
import { requireSecretKey } from "./protect-secret";
import {
  hashPresentedTokens,
  isProvenBySecret,
  type PresentedCredentials,
} from "./verify-credentials";

type ActiveSecrets = {
  /** Integration id by the SHA-256 of its token: one lookup per request, however many there are. */
  byHash: Map<string, number>;
  /** Decrypted HMAC signing keys, tried one by one (a signature names no integration). */
  signingKeys: { integrationId: number; key: string }[];
  /** Why some secrets cannot be used now: told when nothing else proves the request. */
  problem: AppError | null;
};

// Secrets change rarely and every webhook needs them: cached briefly per process. A disabled or
// rotated-out secret stops working here within CACHE_SECONDS (or at once in the process that
// changed it).
const CACHE_SECONDS = 5;
const cache = processWide(
  "webhook-secrets",
  () => new Map<IntegrationKind, { loadedAt: number; secrets: ActiveSecrets }>(),
);
// Decrypting is the slow part of a reload; a row's ciphertext never changes, so each is
// decrypted once per process.
const decrypted = processWide(
  "decrypted-signing-keys",
  () => new Map<number, { stored: string; key: string }>(),
);

export function forgetCachedSecrets(): void {
  cache.clear();
}

async function loadActiveSecrets(kind: IntegrationKind, now: Date): Promise<ActiveSecrets> {
  const cached = cache.get(kind);
  if (cached && now.getTime() - cached.loadedAt < CACHE_SECONDS * 1000) return cached.secrets;
  const prisma = await getPrisma();
  const rows = await prisma.integrationSecret.findMany({
    where: {
      integration: { kind, isEnabled: true },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: {
      id: true,
      integrationId: true,
      secretHash: true,
      secretEncrypted: true,
      expiresAt: true,
    },
    orderBy: { id: "asc" },
  });
  const secrets: ActiveSecrets = { byHash: new Map(), signingKeys: [], problem: null };
  for (const row of rows) {
    if (row.secretHash !== null) {
      if (!secrets.byHash.has(row.secretHash))
        secrets.byHash.set(row.secretHash, row.integrationId);
    } else if (row.secretEncrypted !== null) {
      try {
        const key = decryptSigningKey(row.id, row.secretEncrypted);
        secrets.signingKeys.push({ integrationId: row.integrationId, key });
      } catch (error) {
        secrets.problem ??= cannotCheck(kind, error);
      }
    } else {
      secrets.problem ??= cannotCheck(
        kind,
        new Error(
          `integration ${row.integrationId} still has a signing secret in plain text: set FAULTLINE_SECRET_KEY and restart to encrypt it`,
        ),
      );
    }
  }
  // Never cache past the moment a rotated-out secret expires.
  const soonestExpiry = Math.min(
    ...rows.map((row) => row.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY),
  );
  const loadedAt = Math.min(now.getTime(), soonestExpiry - CACHE_SECONDS * 1000);
  cache.set(kind, { loadedAt, secrets });
  return secrets;
}

function decryptSigningKey(secretId: number, stored: string): string {
  const known = decrypted.get(secretId);
  if (known?.stored === stored) return known.key;
  const key = decryptSecret(stored, requireSecretKey(getEnv().FAULTLINE_SECRET_KEY));
  if (decrypted.size >= 10_000) decrypted.clear();
  decrypted.set(secretId, { stored, key });
  return key;
}

// A 503, so the sender retries once the operator fixes the key; the cause goes to the log only.
function cannotCheck(kind: IntegrationKind, cause: unknown): AppError {
  return new AppError(
    "UNAVAILABLE",
    `The ${kind} webhook cannot check credentials right now; retry later.`,
    { retryAfterSeconds: 60, cause },
  );
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
  // Looking a token up by its digest reveals through timing at most the digest, not the token.
  for (const hash of hashPresentedTokens(kind, presented)) {
    const integrationId = secrets.byHash.get(hash);
    if (integrationId !== undefined) return { integrationId };
  }
  for (const { integrationId, key } of secrets.signingKeys) {
    if (isProvenBySecret(kind, presented, rawBody, key)) return { integrationId };
  }
  if (secrets.problem) throw secrets.problem;
  throw new AppError("UNAUTHORIZED", "Missing or invalid credentials.");
}
