import { getPrisma } from "../db";
import { getEnv } from "../env";
import { hashSecret } from "../integrations/hash-secret";
import { getSystemContext } from "./get-cli-context";
import { createToken } from "./manage-tokens";

export const BOOTSTRAP_ADMIN_EMAIL = "bootstrap@localhost";

/**
 * FAULTLINE_ADMIN_TOKEN, when set, makes sure an admin can act on a fresh server: it becomes the
 * API token of bootstrap@localhost (an admin without a password). Returns whether it created it.
 */
export async function bootstrapAdmin(token = getEnv().FAULTLINE_ADMIN_TOKEN): Promise<boolean> {
  if (!token) return false;
  const prisma = await getPrisma();
  const existing = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (existing) return false;
  await prisma.user.upsert({
    where: { email: BOOTSTRAP_ADMIN_EMAIL },
    create: { email: BOOTSTRAP_ADMIN_EMAIL, name: "bootstrap admin", role: "admin" },
    update: {},
  });
  await createToken(
    getSystemContext("bootstrap"),
    { email: BOOTSTRAP_ADMIN_EMAIL, name: "FAULTLINE_ADMIN_TOKEN", role: "admin" },
    token,
  );
  return true;
}
