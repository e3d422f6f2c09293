import type { Prisma } from "../generated/prisma/client";
import { groupTargetKeys, listTargetKeys, toConnectedKind } from "./match-pending-target";
import type { TDependencyInput, TPendingDependencyInput } from "./schemas";

type TTargetService = { id: number; slug: string; metadata: Prisma.JsonValue };

/** A reference this source makes to an entity no import has brought yet. */
export type TPendingReference = { from: string; ref: string };

/** Services in the catalog that the given target keys name, by key. */
export async function findTargetServices(
  tx: Prisma.TransactionClient,
  keys: string[],
): Promise<Map<string, TTargetService[]>> {
  const { slugs, apiKeys, pagerdutyIds } = groupTargetKeys(keys);
  const found = await tx.service.findMany({
    where: {
      OR: [
        { slug: { in: slugs } },
        ...apiKeys.map((key) => ({ metadata: { path: ["providesApis"], array_contains: [key] } })),
        ...pagerdutyIds.map((id) => ({ metadata: { path: ["pagerdutyServiceId"], equals: id } })),
      ],
    },
    select: { id: true, slug: true, metadata: true },
    orderBy: { slug: "asc" },
  });
  const wanted = new Set(keys);
  const byKey = new Map<string, TTargetService[]>();
  for (const service of found) {
    for (const key of listTargetKeys(service).filter((each) => wanted.has(each))) {
      byKey.set(key, [...(byKey.get(key) ?? []), service]);
    }
  }
  return byKey;
}

/**
 * Splits a snapshot's pending edges into those whose target the catalog already holds (they are
 * plain edges now) and those still waiting.
 */
export async function resolvePendingDependencies(
  tx: Prisma.TransactionClient,
  pending: TPendingDependencyInput[],
): Promise<{ resolved: TDependencyInput[]; waiting: TPendingDependencyInput[] }> {
  const targets = await findTargetServices(
    tx,
    pending.map((edge) => edge.toSlug),
  );
  const resolved: TDependencyInput[] = [];
  const waiting: TPendingDependencyInput[] = [];
  for (const edge of pending) {
    const found = targets.get(edge.toSlug) ?? [];
    if (found.length === 0) waiting.push(edge);
    for (const target of found) {
      resolved.push({
        from: edge.from,
        to: target.slug,
        kind: toConnectedKind(edge.kind, target),
        criticality: edge.criticality,
      });
    }
  }
  return { resolved, waiting };
}

/**
 * Makes the source's pending rows the waiting edges: new ones are added, changed ones updated,
 * and those it no longer declares removed. A row another source declared first is left to it.
 */
export async function applyPendingRows(
  tx: Prisma.TransactionClient,
  source: string,
  waiting: TPendingDependencyInput[],
  idBySlug: Map<string, number>,
): Promise<TPendingReference[]> {
  const rows = waiting.flatMap((edge) => {
    const fromServiceId = idBySlug.get(edge.from);
    return fromServiceId === undefined ? [] : [{ ...edge, fromServiceId }];
  });
  const existing = await tx.pendingDependency.findMany({
    where: {
      OR: [
        { declaredSource: source },
        ...rows.map((row) => ({ fromServiceId: row.fromServiceId, targetSlug: row.toSlug })),
      ],
    },
  });
  const keyOf = (row: { fromServiceId: number; targetSlug: string }) =>
    `${row.fromServiceId}:${row.targetSlug}`;
  const byKey = new Map(existing.map((row) => [keyOf(row), row]));
  const wanted = new Set<string>();
  for (const row of rows) {
    const key = keyOf({ fromServiceId: row.fromServiceId, targetSlug: row.toSlug });
    wanted.add(key);
    const before = byKey.get(key);
    const fields = { targetRef: row.ref, kind: row.kind, criticality: row.criticality };
    if (!before) {
      await tx.pendingDependency.create({
        data: {
          fromServiceId: row.fromServiceId,
          targetSlug: row.toSlug,
          declaredSource: source,
          ...fields,
        },
      });
      continue;
    }
    if (before.declaredSource !== source) continue;
    const isSame =
      before.targetRef === fields.targetRef &&
      before.kind === fields.kind &&
      before.criticality === fields.criticality;
    if (!isSame) await tx.pendingDependency.update({ where: { id: before.id }, data: fields });
  }
  const gone = existing.filter((row) => row.declaredSource === source && !wanted.has(keyOf(row)));
  if (gone.length > 0) {
    await tx.pendingDependency.deleteMany({ where: { id: { in: gone.map((row) => row.id) } } });
  }
  return rows.map((row) => ({ from: row.from, ref: row.ref }));
}

/**
 * Turns pending rows (from any source) that these services now answer into edges, declared by
 * the source that declared the row; returns the edges made, as "from -> to".
 */
export async function connectArrivedDependencies(
  tx: Prisma.TransactionClient,
  services: { slug: string; metadata: unknown }[],
): Promise<string[]> {
  const keys = [...new Set(services.flatMap(listTargetKeys))];
  if (keys.length === 0) return [];
  const rows = await tx.pendingDependency.findMany({
    where: { targetSlug: { in: keys } },
    include: { fromService: { select: { slug: true } } },
    orderBy: { id: "asc" },
  });
  if (rows.length === 0) return [];
  const targets = await findTargetServices(
    tx,
    rows.map((row) => row.targetSlug),
  );
  const connected: string[] = [];
  const answered: number[] = [];
  for (const row of rows) {
    const found = targets.get(row.targetSlug) ?? [];
    if (found.length > 0) answered.push(row.id);
    for (const target of found) {
      if (target.id === row.fromServiceId) continue;
      const isMade = await connectEdge(tx, row, target);
      if (isMade) connected.push(`${row.fromService.slug} -> ${target.slug}`);
    }
  }
  if (answered.length > 0) {
    await tx.pendingDependency.deleteMany({ where: { id: { in: answered } } });
  }
  return connected;
}

// An edge already declared by some catalog stands; one only seen in traffic becomes "both".
async function connectEdge(
  tx: Prisma.TransactionClient,
  row: {
    fromServiceId: number;
    kind: TPendingDependencyInput["kind"];
    criticality: TPendingDependencyInput["criticality"];
    declaredSource: string;
  },
  target: TTargetService,
): Promise<boolean> {
  const pair = { fromServiceId: row.fromServiceId, toServiceId: target.id };
  const before = await tx.dependency.findUnique({ where: { fromServiceId_toServiceId: pair } });
  if (before?.declaredSource) return false;
  const fields = {
    kind: toConnectedKind(row.kind, target),
    criticality: row.criticality,
    declaredSource: row.declaredSource,
    provenance: before?.lastObservedAt ? ("both" as const) : ("declared" as const),
  };
  if (before) await tx.dependency.update({ where: { id: before.id }, data: fields });
  else await tx.dependency.create({ data: { ...pair, ...fields } });
  return true;
}
