import { writeAudit } from "../audit/write-audit";
import { requireRole } from "../auth/require-role";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import type { IntegrationKind } from "../generated/prisma/enums";
import { isUniqueViolation } from "../http";
import { forgetCachedSecrets } from "./authenticate-webhook";
import { decryptSecret } from "./encrypt-secret";
import { generateSecret, hashSecret } from "./hash-secret";
import { type ProtectedSecret, protectSecret, requireSecretKey } from "./protect-secret";
import type { IntegrationSummary, TCreateIntegration, TRotateSecret } from "./schemas";

/** Creates an integration (admin); the secret is returned this once and never shown again. */
export async function createIntegration(
  context: TAuthContext,
  input: TCreateIntegration,
): Promise<{ id: number; secret: string }> {
  requireRole(context, "admin", "create integrations");
  const prisma = await getPrisma();
  const secret = input.secret ?? generateSecret();
  const stored = protect(input.kind, secret);
  const existing = await prisma.integration.findUnique({
    where: { kind_name: { kind: input.kind, name: input.name } },
    select: { id: true },
  });
  const alreadyExists = new AppError(
    "CONFLICT",
    `A ${input.kind} integration named "${input.name}" already exists.`,
  );
  if (existing) throw alreadyExists;
  // The check above can race another creation; the unique index decides, and the loser hears 409.
  const created = await prisma
    .$transaction(async (tx) => {
      const row = await tx.integration.create({
        data: { kind: input.kind, name: input.name, secrets: { create: stored } },
        select: { id: true },
      });
      await writeAudit(tx, context, {
        action: "integration.create",
        objectType: "integration",
        objectId: row.id,
        after: { kind: input.kind, name: input.name },
      });
      return row;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? alreadyExists : error;
    });
  forgetCachedSecrets();
  return { id: created.id, secret };
}

/** Adds a new secret (admin); the old ones keep working for the grace period, then stop. */
export async function rotateIntegrationSecret(
  context: TAuthContext,
  id: number,
  input: TRotateSecret,
  now = new Date(),
): Promise<{ id: number; secret: string; oldSecretsExpireAt: Date }> {
  requireRole(context, "admin", "rotate integration secrets");
  const prisma = await getPrisma();
  const secret = input.secret ?? generateSecret();
  const oldSecretsExpireAt = new Date(now.getTime() + input.graceHours * 3_600_000);
  await prisma.$transaction(async (tx) => {
    const integration = await tx.integration.findUnique({ where: { id }, select: { kind: true } });
    if (!integration) throw new AppError("NOT_FOUND", `Integration ${id} does not exist.`);
    const stored = protect(integration.kind, secret);
    await tx.integrationSecret.updateMany({
      where: {
        integrationId: id,
        OR: [{ expiresAt: null }, { expiresAt: { gt: oldSecretsExpireAt } }],
      },
      data: { expiresAt: oldSecretsExpireAt },
    });
    await tx.integrationSecret.create({ data: { integrationId: id, ...stored } });
    // Secrets that no longer work need not be kept, even encrypted.
    await tx.integrationSecret.deleteMany({
      where: { integrationId: id, expiresAt: { lte: now } },
    });
    await writeAudit(tx, context, {
      action: "integration.rotate",
      objectType: "integration",
      objectId: id,
      after: { graceHours: input.graceHours, oldSecretsExpireAt },
    });
  });
  forgetCachedSecrets();
  return { id, secret, oldSecretsExpireAt };
}

export async function setIntegrationEnabled(
  context: TAuthContext,
  id: number,
  isEnabled: boolean,
): Promise<void> {
  requireRole(context, "admin", isEnabled ? "enable integrations" : "disable integrations");
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const before = await tx.integration.findUnique({ where: { id }, select: { isEnabled: true } });
    if (!before) throw new AppError("NOT_FOUND", `Integration ${id} does not exist.`);
    await tx.integration.update({ where: { id }, data: { isEnabled } });
    await writeAudit(tx, context, {
      action: isEnabled ? "integration.enable" : "integration.disable",
      objectType: "integration",
      objectId: id,
      before,
      after: { isEnabled },
    });
  });
  forgetCachedSecrets();
}

export async function listIntegrations(
  context: TAuthContext,
  now = new Date(),
): Promise<IntegrationSummary[]> {
  requireRole(context, "admin", "list integrations");
  const prisma = await getPrisma();
  const integrations = await prisma.integration.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: {
      _count: {
        select: { secrets: { where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } } },
      },
      deliveries: { orderBy: { receivedAt: "desc" }, take: 1, select: { receivedAt: true } },
    },
  });
  return integrations.map((integration) => ({
    id: integration.id,
    kind: integration.kind,
    name: integration.name,
    isEnabled: integration.isEnabled,
    activeSecrets: integration._count.secrets,
    createdAt: integration.createdAt,
    lastDeliveryAt: integration.deliveries[0]?.receivedAt ?? null,
  }));
}

/**
 * For the demo: makes sure an integration of this kind and name exists and accepts `secret`.
 * Idempotent, so restarting the demo keeps working with the same documented secrets.
 */
export async function ensureIntegration(
  kind: IntegrationKind,
  name: string,
  secret: string,
): Promise<void> {
  const prisma = await getPrisma();
  const integration = await prisma.integration.upsert({
    where: { kind_name: { kind, name } },
    create: { kind, name },
    update: { isEnabled: true },
    select: { id: true },
  });
  const current = await prisma.integrationSecret.findMany({
    where: { integrationId: integration.id, expiresAt: null },
    select: { secretHash: true, secretEncrypted: true },
  });
  if (!current.some((stored) => isStoredFormOf(secret, stored)))
    await prisma.integrationSecret.create({
      data: { integrationId: integration.id, ...protect(kind, secret) },
    });
  forgetCachedSecrets();
}

function protect(kind: IntegrationKind, secret: string): ProtectedSecret {
  return protectSecret(kind, secret, getEnv().FAULTLINE_SECRET_KEY);
}

function isStoredFormOf(secret: string, stored: ProtectedSecret): boolean {
  if (stored.secretHash !== null) return stored.secretHash === hashSecret(secret);
  if (stored.secretEncrypted === null) return false;
  const key = requireSecretKey(getEnv().FAULTLINE_SECRET_KEY);
  return decryptSecret(stored.secretEncrypted, key) === secret;
}
