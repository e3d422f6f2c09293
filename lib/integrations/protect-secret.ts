import { AppError } from "../errors";
import type { IntegrationKind } from "../generated/prisma/enums";
import { encryptSecret } from "./encrypt-secret";
import { hashSecret } from "./hash-secret";
import type { SecretKey } from "./parse-secret-key";
import { isSigningKind } from "./verify-credentials";

/** What is stored of a secret: exactly one of the two is set. */
export type ProtectedSecret = { secretHash: string | null; secretEncrypted: string | null };

/** A token only needs to be recognised, so its hash is kept; an HMAC key must be usable again. */
export function protectSecret(
  kind: IntegrationKind,
  secret: string,
  key: SecretKey | undefined,
): ProtectedSecret {
  if (!isSigningKind(kind)) return { secretHash: hashSecret(secret), secretEncrypted: null };
  return { secretHash: null, secretEncrypted: encryptSecret(secret, requireSecretKey(key)) };
}

/** The configured key, or a 503 naming the variable: signing secrets need it to be stored or used. */
export function requireSecretKey(key: SecretKey | undefined): SecretKey {
  if (key) return key;
  throw new AppError(
    "UNAVAILABLE",
    "FAULTLINE_SECRET_KEY is not set: pagerduty, grafana and generic integrations keep their " +
      "signing secrets encrypted with it. Set it to 32 random bytes (openssl rand -base64 32) " +
      "and restart.",
  );
}
