import { writeAudit } from "../../audit/write-audit";
import { getPrisma } from "../../db";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import type { TAuthContext, TRole } from "../schemas";
import type { TOidcIdentity } from "./schemas";

export type TOidcUser = { id: number; email: string; name: string; role: TRole };

type TUserRow = Prisma.UserGetPayload<object>;

/**
 * The Faultline user for a provider identity: the one linked to its subject, else the one with
 * its email (linked now, unless linked to another subject already), else a new one. The role
 * follows the provider's claims at every sign-in, so group changes there take effect here.
 */
export async function signInOidcUser(
  identity: TOidcIdentity,
  request: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<TOidcUser> {
  const context: TAuthContext = {
    actor: { label: identity.email, userId: null, via: "anonymous" },
    role: "viewer",
    ip: request.ip,
    userAgent: request.userAgent,
  };
  const prisma = await getPrisma();
  const outcome = await prisma
    .$transaction(async (tx) => {
      const existing = await findUserFor(tx, identity);
      if (existing?.isDisabled) {
        await writeAudit(tx, withUser(context, existing.id), {
          action: "auth.sign_in_failed",
          objectType: "user",
          objectId: existing.id,
          after: { via: "oidc", reason: "disabled" },
        });
        return { refused: existing.email } as const;
      }
      const user = existing
        ? await updateUser(tx, withUser(context, existing.id), existing, identity, now)
        : await createUser(tx, context, identity, now);
      await writeAudit(tx, withUser(context, user.id), {
        action: "auth.sign_in",
        objectType: "user",
        objectId: user.id,
        after: { via: "oidc", role: user.role },
      });
      return { user } as const;
    })
    .catch((error: unknown) => {
      // The same person's first sign-in in two tabs at once: one creates the user, one retries.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("CONFLICT", "This sign-in crossed another one; sign in again.");
      }
      throw error;
    });
  if ("refused" in outcome) {
    throw new AppError("FORBIDDEN", `${outcome.refused} is disabled in Faultline; ask an admin.`);
  }
  const { id, email, name, role } = outcome.user;
  return { id, email, name, role };
}

async function findUserFor(
  tx: Prisma.TransactionClient,
  identity: TOidcIdentity,
): Promise<TUserRow | null> {
  const linked = await tx.user.findUnique({ where: { oidcSubject: identity.subject } });
  if (linked) return linked;
  const sameEmail = await tx.user.findUnique({ where: { email: identity.email } });
  if (sameEmail?.oidcSubject) {
    throw new AppError(
      "FORBIDDEN",
      `${identity.email} is linked to another single sign-on account; ask an admin.`,
    );
  }
  return sameEmail;
}

async function updateUser(
  tx: Prisma.TransactionClient,
  context: TAuthContext,
  user: TUserRow,
  identity: TOidcIdentity,
  now: Date,
): Promise<TUserRow> {
  const updated = await tx.user.update({
    where: { id: user.id },
    data: { oidcSubject: identity.subject, role: identity.role, lastSignInAt: now },
  });
  if (user.oidcSubject !== identity.subject || user.role !== identity.role) {
    await writeAudit(tx, context, {
      action: "user.update",
      objectType: "user",
      objectId: user.id,
      before: { role: user.role, oidcSubject: user.oidcSubject },
      after: { role: updated.role, oidcSubject: updated.oidcSubject, via: "oidc" },
    });
  }
  return updated;
}

async function createUser(
  tx: Prisma.TransactionClient,
  context: TAuthContext,
  identity: TOidcIdentity,
  now: Date,
): Promise<TUserRow> {
  const created = await tx.user.create({
    data: {
      email: identity.email,
      name: identity.name,
      role: identity.role,
      oidcSubject: identity.subject,
      lastSignInAt: now,
    },
  });
  await writeAudit(tx, withUser(context, created.id), {
    action: "user.create",
    objectType: "user",
    objectId: created.id,
    after: { email: created.email, role: created.role, via: "oidc" },
  });
  return created;
}

function withUser(context: TAuthContext, userId: number): TAuthContext {
  return { ...context, actor: { ...context.actor, userId } };
}
