import type { Database } from "../db";
import type { SecretKey } from "./parse-secret-key";
import { protectSecret } from "./protect-secret";
import { ZIntegrationKind } from "./schemas";
import { isSigningKind } from "./verify-credentials";

export type PlaintextSecretsReport = { protected: number; leftInPlainText: number };

/**
 * Hashes or encrypts secrets still stored in plain text (rows from before secrets were protected,
 * which SQL alone cannot encrypt), then clears the plain text. Signing secrets wait for a key.
 */
export async function protectPlaintextSecrets(
  db: Pick<Database, "query">,
  key: SecretKey | undefined,
): Promise<PlaintextSecretsReport> {
  const rows = await db.query<{ id: number; kind: string; value: string }>(
    `SELECT s.id, i.kind::text AS kind, s.value FROM integration_secrets s
     JOIN integrations i ON i.id = s.integration_id WHERE s.value IS NOT NULL ORDER BY s.id`,
    [],
  );
  const report: PlaintextSecretsReport = { protected: 0, leftInPlainText: 0 };
  for (const row of rows) {
    const kind = ZIntegrationKind.parse(row.kind);
    if (isSigningKind(kind) && !key) {
      report.leftInPlainText++;
      continue;
    }
    const stored = protectSecret(kind, row.value, key);
    // Another process may have done this row meanwhile; either result is valid.
    await db.query(
      `UPDATE integration_secrets SET secret_hash = $2, secret_encrypted = $3, value = NULL
       WHERE id = $1 AND value IS NOT NULL`,
      [row.id, stored.secretHash, stored.secretEncrypted],
    );
    report.protected++;
  }
  return report;
}
