import { randomBytes } from "node:crypto";
import { writeAudit } from "../audit/write-audit";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { hashPassword } from "./hash-password";
import { requireRole } from "./require-role";
import type { TAuthContext, TCreateUser, TRole, TUpdateUser } from "./schemas";

export type TUserSummary = {
  id: number;
  email: string;
  name: string;
  role: TRole;
  isDisabled: boolean;
  hasPassword: boolean;
  isLocked: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

const SUMMARY_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  isDisabled: true,
  passwordHash: true,
  lockedUntil: true,
  lastSignInAt: true,
  createdAt: true,
} as const;

type TUserRow = Prisma.UserGetPayload<{ select: typeof SUMMARY_FIELDS }>;

function toSummary(user: TUserRow, now = new Date()): TUserSummary {
  const { passwordHash, lockedUntil, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null, isLocked: (lockedUntil ?? now) > now };
}

/** Creates a user; without a password given, one is generated and returned this once. */
export async function createUser(
  context: TAuthContext,
  input: TCreateUser,
): Promise<{ user: TUserSummary; password: string | null }> {
  requireRole(context, "admin", "create users");
  const password = input.password ?? randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    if (existing) throw new AppError("CONFLICT", `A user ${input.email} exists already.`);
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name ?? input.email.split("@")[0] ?? input.email,
        role: input.role,
        passwordHash,
      },
      select: SUMMARY_FIELDS,
    });
    await writeAudit(tx, context, {
      action: "user.create",
      objectType: "user",
      objectId: user.id,
      after: { email: user.email, role: user.role },
    });
    return { user: toSummary(user), password: input.password ? null : password };
  });
}

export async function listUsers(context: TAuthContext): Promise<TUserSummary[]> {
  requireRole(context, "admin", "list users");
  const prisma = await getPrisma();
  const users = await prisma.user.findMany({ select: SUMMARY_FIELDS, orderBy: { email: "asc" } });
  return users.map((user) => toSummary(user));
}

/** Changes a role or disables a user; enabling again also lifts a sign-in lockout. */
export async function updateUser(
  context: TAuthContext,
  userId: number,
  change: TUpdateUser,
): Promise<TUserSummary> {
  requireRole(context, "admin", "change users");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: SUMMARY_FIELDS });
    if (!before) throw new AppError("NOT_FOUND", `User ${userId} does not exist.`);
    const isLosingAdmin =
      before.role === "admin" &&
      !before.isDisabled &&
      ((change.role !== undefined && change.role !== "admin") || change.isDisabled === true);
    if (isLosingAdmin) {
      const admins = await tx.user.count({ where: { role: "admin", isDisabled: false } });
      if (admins <= 1)
        throw new AppError("CONFLICT", "That would leave no admin: promote another user first.");
    }
    const user = await tx.user.update({
      where: { id: userId },
      data: {
        ...change,
        ...(change.isDisabled === false ? { lockedUntil: null, failedSignIns: 0 } : {}),
      },
      select: SUMMARY_FIELDS,
    });
    await writeAudit(tx, context, {
      action: "user.update",
      objectType: "user",
      objectId: userId,
      before: { role: before.role, isDisabled: before.isDisabled },
      after: { role: user.role, isDisabled: user.isDisabled },
    });
    return toSummary(user);
  });
}
