import type { Database } from "../db";
import { getEnv } from "../env";
import { protectPlaintextSecrets } from "../integrations/protect-plaintext-secrets";
import { applyMigrations, type MigrationReport } from "./apply-migrations";

/** The SQL migrations, then the one step SQL cannot do: encrypting signing secrets left in plain text. */
export async function migrateDatabase(
  db: Pick<Database, "withSession" | "query">,
  options: Parameters<typeof applyMigrations>[1] = {},
): Promise<MigrationReport & { secretsProtected: number }> {
  const report = await applyMigrations(db, options);
  const secrets = await protectPlaintextSecrets(db, getEnv().FAULTLINE_SECRET_KEY);
  if (secrets.leftInPlainText > 0) {
    console.warn(
      `[faultline] ${secrets.leftInPlainText} integration signing secret(s) are still stored in plain text ` +
        "and refused until encrypted: set FAULTLINE_SECRET_KEY and restart.",
    );
  }
  return { ...report, secretsProtected: secrets.protected };
}
