import { randomBytes } from "node:crypto";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { IntegrationKind } from "../generated/prisma/enums";
import { isUniqueViolation } from "../http";
import { forgetCachedSecrets } from "./authenticate-webhook";
import type { IntegrationSummary, TCreateIntegration, TRotateSecret } from "./schemas";

/** A fresh secret: 32 random bytes, URL-safe, recognisable by its prefix in leaked-secret scans. */
export function generateSecret(): string {
  return `flt_${randomBytes(32).toString("base64url")}`;
}

/** Creates an integration; the secret is returned this once and never shown again. */
export async function createIntegration(
  input: TCreateIntegration,
): Promise<{ id: number; secret: string }> {
  const prisma = await getPrisma();
  const secret = input.secret ?? generateSecret();
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
  const created = await prisma.integration
    .create({
      data: { kind: input.kind, name: input.name, secrets: { create: { value: secret } } },
      select: { id: true },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? alreadyExists : error;
    });
  forgetCachedSecrets();
  return { id: created.id, secret };
}

/** Adds a new secret; the old ones keep working for the grace period, then stop. */
export async function rotateIntegrationSecret(
  id: number,
  input: TRotateSecret,
  now = new Date(),
): Promise<{ id: number; secret: string; oldSecretsExpireAt: Date }> {
  const prisma = await getPrisma();
  const secret = input.secret ?? generateSecret();
  const oldSecretsExpireAt = new Date(now.getTime() + input.graceHours * 3_600_000);
  await prisma.$transaction(async (tx) => {
    const integration = await tx.integration.findUnique({ where: { id }, select: { id: true } });
    if (!integration) throw new AppError("NOT_FOUND", `Integration ${id} does not exist.`);
    await tx.integrationSecret.updateMany({
      where: {
        integrationId: id,
        OR: [{ expiresAt: null }, { expiresAt: { gt: oldSecretsExpireAt } }],
      },
      data: { expiresAt: oldSecretsExpireAt },
    });
    await tx.integrationSecret.create({ data: { integrationId: id, value: secret } });
  });
  forgetCachedSecrets();
  return { id, secret, oldSecretsExpireAt };
}

export async function setIntegrationEnabled(id: number, isEnabled: boolean): Promise<void> {
  const prisma = await getPrisma();
  const updated = await prisma.integration.updateMany({ where: { id }, data: { isEnabled } });
  if (updated.count === 0) throw new AppError("NOT_FOUND", `Integration ${id} does not exist.`);
  forgetCachedSecrets();
}

export async function listIntegrations(now = new Date()): Promise<IntegrationSummary[]> {
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
  const hasSecret = await prisma.integrationSecret.count({
    where: { integrationId: integration.id, value: secret, expiresAt: null },
  });
  if (hasSecret === 0)
    await prisma.integrationSecret.create({
      data: { integrationId: integration.id, value: secret },
    });
  forgetCachedSecrets();
}
