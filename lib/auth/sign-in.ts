import { writeAudit } from "../audit/write-audit";
import { getPrisma } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { RateLimiter } from "../ingest/rate-limit";
import { processWide } from "../process-wide";
import { verifyNoPassword, verifyPassword } from "./hash-password";
import type { TAuthContext } from "./schemas";
import { sealSession } from "./session-cookie";

export type TSignInResult = {
  user: { id: number; email: string; name: string; role: TAuthContext["role"] };
  /** The sealed session, for the cookie. */
  session: string;
};

const WRONG = "Wrong email or password.";

/**
 * Checks a local password. Each client IP gets a budget of attempts per minute whatever the
 * account; each account locks after FAULTLINE_SIGN_IN_MAX_FAILURES wrong passwords in a row.
 * Every attempt is audited.
 */
export async function signIn(
  request: { email: string; password: string; ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<TSignInResult> {
  const env = getEnv();
  const limiter = processWide(
    "sign-in-per-ip",
    () =>
      new RateLimiter<string>(
        env.FAULTLINE_SIGN_IN_PER_IP_PER_MINUTE / 60,
        env.FAULTLINE_SIGN_IN_PER_IP_PER_MINUTE,
      ),
  );
  const waitSeconds = limiter.take(request.ip ?? "unknown", now.getTime());
  if (waitSeconds > 0) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many sign-in attempts from this address; try again in ${waitSeconds} s.`,
      { retryAfterSeconds: waitSeconds },
    );
  }
  const context: TAuthContext = {
    actor: { label: request.email, userId: null, via: "anonymous" },
    role: "viewer",
    ip: request.ip,
    userAgent: request.userAgent,
  };
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { email: request.email } });
  if (!user?.passwordHash || user.isDisabled) {
    await verifyNoPassword(request.password);
    await prisma.$transaction((tx) =>
      writeAudit(tx, context, {
        action: "auth.sign_in_failed",
        objectType: "user",
        objectId: user?.id ?? null,
      }),
    );
    throw new AppError("UNAUTHORIZED", WRONG);
  }
  if (user.lockedUntil && user.lockedUntil > now) throw lockedError(user.lockedUntil, now);

  if (!(await verifyPassword(request.password, user.passwordHash))) {
    const failures = user.failedSignIns + 1;
    const isLocking = failures >= env.FAULTLINE_SIGN_IN_MAX_FAILURES;
    const lockedUntil = new Date(now.getTime() + env.FAULTLINE_SIGN_IN_LOCKOUT_MINUTES * 60_000);
    await prisma.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: isLocking ? { failedSignIns: 0, lockedUntil } : { failedSignIns: failures },
      });
      await writeAudit(
        tx,
        { ...context, actor: { ...context.actor, userId: user.id } },
        {
          action: isLocking ? "auth.locked" : "auth.sign_in_failed",
          objectType: "user",
          objectId: user.id,
          after: isLocking ? { lockedUntil } : { failedSignIns: failures },
        },
      );
    });
    if (isLocking) throw lockedError(lockedUntil, now);
    throw new AppError("UNAUTHORIZED", WRONG);
  }

  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedSignIns: 0, lockedUntil: null, lastSignInAt: now },
    });
    await writeAudit(
      tx,
      { ...context, actor: { ...context.actor, userId: user.id } },
      {
        action: "auth.sign_in",
        objectType: "user",
        objectId: user.id,
      },
    );
  });
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    session: await sealSession({ userId: user.id, signedInAt: now.getTime() }),
  };
}

function lockedError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    "RATE_LIMITED",
    `This account is locked after too many wrong passwords; try again in ${minutes} min, or ask an admin to unlock it.`,
    { retryAfterSeconds: minutes * 60 },
  );
}
