import { getPrisma } from "../db";
import type { Env } from "../env";
import { hashSecret } from "../integrations/hash-secret";
import { getSystemContext } from "./get-cli-context";
import { hashPassword, verifyPassword } from "./hash-password";
import { createToken } from "./manage-tokens";
import { ROLES, type TRole } from "./schemas";

export type TDemoLogin = { role: TRole; email: string; password: string; token: string };

const TOKEN_ENV = {
  viewer: "FAULTLINE_DEMO_VIEWER_TOKEN",
  responder: "FAULTLINE_DEMO_RESPONDER_TOKEN",
  lead: "FAULTLINE_DEMO_LEAD_TOKEN",
  admin: "FAULTLINE_DEMO_ADMIN_TOKEN",
} as const satisfies Record<TRole, keyof Env>;

/**
 * One user per role (viewer@faultline.demo, …) with the documented demo password, and one API
 * token each from FAULTLINE_DEMO_<ROLE>_TOKEN. Idempotent: restarting the demo keeps them.
 */
export async function ensureDemoUsers(env: Env): Promise<TDemoLogin[]> {
  const prisma = await getPrisma();
  const logins: TDemoLogin[] = [];
  for (const role of ROLES) {
    const email = `${role}@faultline.demo`;
    const existing = await prisma.user.findUnique({ where: { email } });
    const isPasswordCurrent =
      existing?.passwordHash &&
      (await verifyPassword(env.FAULTLINE_DEMO_PASSWORD, existing.passwordHash));
    if (!existing || !isPasswordCurrent || existing.role !== role || existing.isDisabled) {
      const passwordHash = await hashPassword(env.FAULTLINE_DEMO_PASSWORD);
      await prisma.user.upsert({
        where: { email },
        create: { email, name: `demo ${role}`, role, passwordHash },
        update: { role, passwordHash, isDisabled: false, lockedUntil: null, failedSignIns: 0 },
      });
    }
    const token = env[TOKEN_ENV[role]];
    const hasToken = await prisma.apiToken.count({
      where: { tokenHash: hashSecret(token), revokedAt: null },
    });
    if (hasToken === 0) {
      await createToken(getSystemContext("demo"), { email, name: `demo ${role}`, role }, token);
    }
    logins.push({ role, email, password: env.FAULTLINE_DEMO_PASSWORD, token });
  }
  return logins;
}
