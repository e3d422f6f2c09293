import { isDeepStrictEqual } from "node:util";
import type { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { getSystemContext } from "../auth/get-cli-context";
import type { TAuthContext } from "../auth/schemas";
import { getPrisma } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import {
  applyPendingRows,
  connectArrivedDependencies,
  resolvePendingDependencies,
  type TPendingReference,
} from "./apply-pending-dependencies";
import {
  isSameServiceFields,
  mergeGuestImport,
  mergeOwnerImport,
  type ServiceFields,
} from "./merge-service-fields";
import {
  type CatalogSnapshot,
  type TBusinessFlowInput,
  type TDependencyInput,
  type TServiceInput,
  ZBusinessFlowInput,
  ZDependencyInput,
  ZPendingDependencyInput,
  ZServiceInput,
} from "./schemas";

export type ChangeList = { added: string[]; changed: string[]; removed: string[] };
export type ImportReport = {
  source: string;
  services: ChangeList;
  dependencies: ChangeList;
  flows: ChangeList;
  /** References this source makes to entities no import has brought yet. */
  pending: TPendingReference[];
  /** Edges made now from references (of any source) that were waiting for these services. */
  connected: string[];
};

const emptyChanges = (): ChangeList => ({ added: [], changed: [], removed: [] });

/**
 * Makes the catalog say what `snapshot` says for its source, in one transaction: services and
 * edges it declares are added or updated, and what that source declared before but no longer
 * does is removed. Alerts keep their services: a removed service becomes unmapped, not deleted.
 * An edge to a service the catalog does not hold yet waits as a pending row, and any pending row
 * these services answer becomes an edge.
 */
export async function applyCatalogSnapshot(
  snapshot: CatalogSnapshot,
  context: TAuthContext = getSystemContext(),
): Promise<ImportReport> {
  const services = snapshot.services.map((service) =>
    parseEntity(ZServiceInput, service, `service ${service.slug}`),
  );
  const dependencies = snapshot.dependencies.map((edge) =>
    parseEntity(ZDependencyInput, edge, `dependency ${edge.from} -> ${edge.to}`),
  );
  const pending = (snapshot.pendingDependencies ?? []).map((edge) =>
    parseEntity(ZPendingDependencyInput, edge, `dependency ${edge.from} -> ${edge.ref}`),
  );
  const flows = snapshot.flows.map((flow) =>
    parseEntity(ZBusinessFlowInput, flow, `flow ${flow.uniqueId}`),
  );
  const declared = new Set(services.map((service) => service.slug));
  for (const edge of pending.filter((each) => !declared.has(each.from))) {
    throw new AppError(
      "VALIDATION",
      `dependency ${edge.from} -> ${edge.ref}: unknown service "${edge.from}"`,
    );
  }
  const prisma = await getPrisma();
  return prisma.$transaction(
    async (tx) => {
      const report: ImportReport = {
        source: snapshot.source,
        services: emptyChanges(),
        dependencies: emptyChanges(),
        flows: emptyChanges(),
        pending: [],
        connected: [],
      };
      const idBySlug = await applyServices(tx, snapshot.source, services, report.services);
      const { resolved, waiting } = await resolvePendingDependencies(tx, pending);
      await applyDependencies(
        tx,
        snapshot.source,
        [...dependencies, ...resolved],
        idBySlug,
        report.dependencies,
      );
      report.pending = await applyPendingRows(tx, snapshot.source, waiting, idBySlug);
      report.connected = await connectArrivedDependencies(tx, services);
      await applyFlows(tx, snapshot.source, flows, report.flows);
      await writeAudit(tx, context, {
        action: "catalog.import",
        objectType: "catalog_source",
        objectId: snapshot.source,
        after: summarizeImport(report),
      });
      return report;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Counts, and the first names of each list: enough to see what an import did. */
function summarizeImport(report: ImportReport) {
  const summarize = (changes: ChangeList) => ({
    added: changes.added.length,
    changed: changes.changed.length,
    removed: changes.removed.length,
    names: [...changes.added, ...changes.changed, ...changes.removed].slice(0, 20),
  });
  return {
    services: summarize(report.services),
    dependencies: summarize(report.dependencies),
    flows: summarize(report.flows),
    pending: report.pending.length,
    connected: report.connected.length,
  };
}

function parseEntity<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  label: string,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AppError(
    "VALIDATION",
    `${label}: ${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`,
  );
}

async function applyServices(
  tx: Prisma.TransactionClient,
  source: string,
  services: TServiceInput[],
  changes: ChangeList,
): Promise<Map<string, number>> {
  const slugs = services.map((service) => service.slug);
  const existing = await tx.service.findMany({
    where: { OR: [{ slug: { in: slugs } }, { catalogSource: source }] },
  });
  const bySlug = new Map(existing.map((service) => [service.slug, service]));
  const idBySlug = new Map<string, number>();
  for (const service of services) {
    const { slug: _, ...incoming } = service;
    const before = bySlug.get(service.slug);
    if (!before) {
      const created = await tx.service.create({
        data: { slug: service.slug, ...toData(incoming), isUnmapped: false, catalogSource: source },
        select: { id: true },
      });
      idBySlug.set(service.slug, created.id);
      changes.added.push(service.slug);
      continue;
    }
    idBySlug.set(service.slug, before.id);
    const stored: ServiceFields = {
      ...before,
      metadata: isRecord(before.metadata) ? before.metadata : {},
    };
    const isOwnedElsewhere = before.catalogSource !== null && before.catalogSource !== source;
    const merged = isOwnedElsewhere
      ? mergeGuestImport(stored, incoming, source)
      : mergeOwnerImport(stored, incoming);
    const isClaimed = isOwnedElsewhere || (before.catalogSource === source && !before.isUnmapped);
    if (isClaimed && isSameServiceFields(merged, stored)) continue;
    await tx.service.update({
      where: { id: before.id },
      data: {
        ...toData(merged),
        isUnmapped: false,
        catalogSource: isOwnedElsewhere ? before.catalogSource : source,
      },
    });
    // An unmapped service (first seen in an alert) joining the catalog counts as added.
    (before.isUnmapped ? changes.added : changes.changed).push(service.slug);
  }
  const declared = new Set(slugs);
  for (const gone of existing.filter(
    (service) => service.catalogSource === source && !declared.has(service.slug),
  )) {
    await tx.service.update({
      where: { id: gone.id },
      data: { catalogSource: null, isUnmapped: true },
    });
    changes.removed.push(gone.slug);
  }
  return idBySlug;
}

function toData(fields: ServiceFields) {
  return { ...fields, metadata: fields.metadata as Prisma.InputJsonValue };
}

async function applyDependencies(
  tx: Prisma.TransactionClient,
  source: string,
  dependencies: TDependencyInput[],
  idBySlug: Map<string, number>,
  changes: ChangeList,
): Promise<void> {
  // Edges may point at services another source declared.
  const missing = [...new Set(dependencies.flatMap((edge) => [edge.from, edge.to]))].filter(
    (slug) => !idBySlug.has(slug),
  );
  for (const service of await tx.service.findMany({
    where: { slug: { in: missing } },
    select: { id: true, slug: true },
  })) {
    idBySlug.set(service.slug, service.id);
  }
  const idOf = (slug: string, edge: TDependencyInput) => {
    const id = idBySlug.get(slug);
    if (id === undefined) {
      throw new AppError(
        "VALIDATION",
        `dependency ${edge.from} -> ${edge.to}: unknown service "${slug}"`,
      );
    }
    return id;
  };
  const label = (edge: { from: string; to: string }) => `${edge.from} -> ${edge.to}`;
  const isOwnedElsewhere = (edge: { declaredSource: string | null }) =>
    edge.declaredSource !== null && edge.declaredSource !== source;

  const wanted = new Map<string, TDependencyInput & { fromId: number; toId: number }>();
  for (const edge of dependencies) {
    if (edge.from === edge.to) continue;
    wanted.set(`${idOf(edge.from, edge)}:${idOf(edge.to, edge)}`, {
      ...edge,
      fromId: idOf(edge.from, edge),
      toId: idOf(edge.to, edge),
    });
  }
  const pairs = [...wanted.values()];
  const existing = await tx.dependency.findMany({
    where: {
      OR: [
        { declaredSource: source },
        ...pairs.map((edge) => ({ fromServiceId: edge.fromId, toServiceId: edge.toId })),
      ],
    },
    include: { fromService: { select: { slug: true } }, toService: { select: { slug: true } } },
  });
  const byPair = new Map(
    existing.map((edge) => [`${edge.fromServiceId}:${edge.toServiceId}`, edge]),
  );
  for (const [key, edge] of wanted) {
    const before = byPair.get(key);
    // Declared by another catalog first: its kind and criticality stand.
    if (before && isOwnedElsewhere(before)) continue;
    const provenance = before?.lastObservedAt ? "both" : "declared";
    if (!before) {
      await tx.dependency.create({
        data: {
          fromServiceId: edge.fromId,
          toServiceId: edge.toId,
          kind: edge.kind,
          criticality: edge.criticality,
          provenance,
          declaredSource: source,
        },
      });
      changes.added.push(label(edge));
      continue;
    }
    const isSame =
      before.kind === edge.kind &&
      before.criticality === edge.criticality &&
      before.provenance === provenance &&
      before.declaredSource === source;
    if (isSame) continue;
    await tx.dependency.update({
      where: { id: before.id },
      data: { kind: edge.kind, criticality: edge.criticality, provenance, declaredSource: source },
    });
    (before.declaredSource === null ? changes.added : changes.changed).push(label(edge));
  }
  for (const gone of existing.filter(
    (edge) =>
      edge.declaredSource === source && !wanted.has(`${edge.fromServiceId}:${edge.toServiceId}`),
  )) {
    // Still seen in traffic: it stays, as an observed edge nobody declares.
    if (gone.lastObservedAt) {
      await tx.dependency.update({
        where: { id: gone.id },
        data: { declaredSource: null, provenance: "observed" },
      });
    } else {
      await tx.dependency.delete({ where: { id: gone.id } });
    }
    changes.removed.push(label({ from: gone.fromService.slug, to: gone.toService.slug }));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function applyFlows(
  tx: Prisma.TransactionClient,
  source: string,
  flows: TBusinessFlowInput[],
  changes: ChangeList,
): Promise<void> {
  const existing = await tx.businessFlow.findMany({ where: { catalogSource: source } });
  const byId = new Map(existing.map((flow) => [flow.uniqueId, flow]));
  for (const flow of flows) {
    const { uniqueId: _, ...fields } = flow;
    const before = byId.get(flow.uniqueId);
    if (!before) {
      await tx.businessFlow.create({
        data: { catalogSource: source, uniqueId: flow.uniqueId, ...fields },
      });
      changes.added.push(flow.uniqueId);
      continue;
    }
    const { id, catalogSource, uniqueId, createdAt, updatedAt, ...current } = before;
    if (isDeepStrictEqual(current, fields)) continue;
    await tx.businessFlow.update({ where: { id }, data: fields });
    changes.changed.push(flow.uniqueId);
  }
  const declared = new Set(flows.map((flow) => flow.uniqueId));
  const gone = existing.filter((flow) => !declared.has(flow.uniqueId));
  if (gone.length > 0)
    await tx.businessFlow.deleteMany({ where: { id: { in: gone.map((flow) => flow.id) } } });
  changes.removed.push(...gone.map((flow) => flow.uniqueId));
}
