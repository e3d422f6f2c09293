import { writeAudit } from "../audit/write-audit";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import { generateSecret, hashSecret } from "../integrations/hash-secret";
import { hasRole, requireRole } from "./require-role";
import type { TAuthContext, TCreateToken, TRole } from "./schemas";

export type TTokenSummary = {
  id: number;
  name: string;
  role: TRole;
  userEmail: string;
  prefix: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

/**
 * A token for a user, with a role no higher than theirs (their own by default). The token is
 * returned this once; only its hash is kept. `value` lets the demo and the bootstrap choose it.
 */
export async function createToken(
  context: TAuthContext,
  input: TCreateToken,
  value: string = generateSecret(),
): Promise<{ token: TTokenSummary; secret: string }> {
  requireRole(context, "admin", "create API tokens");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email } });
    if (!user) throw new AppError("NOT_FOUND", `No user ${input.email}.`);
    const role = input.role ?? user.role;
    if (!hasRole(user.role, role)) {
      throw new AppError(
        "VALIDATION",
        `role: ${user.email} is a ${user.role}; a token cannot be a ${role}.`,
      );
    }
    const created = await tx.apiToken.create({
      data: {
        userId: user.id,
        name: input.name,
        role,
        tokenHash: hashSecret(value),
        tokenPrefix: value.slice(0, 8),
      },
    });
    await writeAudit(tx, context, {
      action: "token.create",
      objectType: "api_token",
      objectId: created.id,
      after: { name: created.name, role, user: user.email },
    });
    return {
      token: { ...summarize(created), userEmail: user.email },
      secret: value,
    };
  });
}

export async function listTokens(context: TAuthContext): Promise<TTokenSummary[]> {
  requireRole(context, "admin", "list API tokens");
  const prisma = await getPrisma();
  const tokens = await prisma.apiToken.findMany({
    include: { user: { select: { email: true } } },
    orderBy: { id: "asc" },
  });
  return tokens.map((token) => ({ ...summarize(token), userEmail: token.user.email }));
}

export async function revokeToken(context: TAuthContext, tokenId: number): Promise<TTokenSummary> {
  requireRole(context, "admin", "revoke API tokens");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.apiToken.findUnique({
      where: { id: tokenId },
      include: { user: { select: { email: true } } },
    });
    if (!before) throw new AppError("NOT_FOUND", `API token ${tokenId} does not exist.`);
    if (before.revokedAt) return { ...summarize(before), userEmail: before.user.email };
    const after = await tx.apiToken.update({
      where: { id: tokenId },
      data: { revokedAt: new Date() },
    });
    await writeAudit(tx, context, {
      action: "token.revoke",
      objectType: "api_token",
      objectId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: after.revokedAt },
    });
    return { ...summarize(after), userEmail: before.user.email };
  });
}

function summarize(token: {
  id: number;
  name: string;
  role: TRole;
  tokenPrefix: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}): Omit<TTokenSummary, "userEmail"> {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    prefix: token.tokenPrefix,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    createdAt: token.createdAt,
  };
}
