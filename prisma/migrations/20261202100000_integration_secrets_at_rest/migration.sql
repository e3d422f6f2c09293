-- Secrets at rest: a token the sender presents is kept as its SHA-256 only; an HMAC signing key
-- is encrypted with FAULTLINE_SECRET_KEY. SQL cannot encrypt with that key, so signing keys keep
-- their plain "value" until the app encrypts them at start (lib/integrations/protect-plaintext-secrets.ts).
-- AlterTable
ALTER TABLE "integration_secrets" ADD COLUMN IF NOT EXISTS "secret_hash" TEXT,
ADD COLUMN IF NOT EXISTS "secret_encrypted" TEXT,
ALTER COLUMN "value" DROP NOT NULL;

-- Tokens of the kinds that sign nothing (the rest of the list is in verify-credentials.ts).
UPDATE "integration_secrets" AS s
SET "secret_hash" = encode(sha256(convert_to(s."value", 'UTF8')), 'hex'), "value" = NULL
FROM "integrations" AS i
WHERE i."id" = s."integration_id" AND s."value" IS NOT NULL AND s."secret_hash" IS NULL
  AND i."kind" IN ('alertmanager', 'datadog', 'pagerduty_events', 'signals');

-- CreateIndex
CREATE INDEX IF NOT EXISTS "integration_secrets_secret_hash_idx" ON "integration_secrets"("secret_hash");
