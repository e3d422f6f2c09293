import { toServiceSlug } from "../../ingest/map-labels";
import { catalogError, type TCatalogIssues } from "../catalog-error";
import {
  DATA_STORE_KINDS,
  type DependencyInput,
  MESSAGE_BUS_KINDS,
  type PendingDependencyInput,
} from "../schemas";
import { describeEntityRef, parseEntityRef, toEntityKey } from "./parse-entity-ref";
import type { TLocatedEntity } from "./read-backstage-entities";
import { FAULTLINE_ANNOTATIONS } from "./schemas";
import type { TServiceEntity } from "./to-backstage-service";

const SERVICE_KINDS = ["component", "resource"];

/** The far end of a reference: a service among the files, or an entity another import brings. */
type TTarget =
  | { kind: "service"; key: string; service: TServiceEntity }
  | { kind: "missing"; key: string; toSlug: string; ref: string };

type TDeclaredEdge = {
  from: TServiceEntity;
  to: TTarget;
  /** Keys of the entities this edge was declared through: the target, and the API if any. */
  via: Set<string>;
};

export type TBackstageDependencies = {
  dependencies: DependencyInput[];
  pendingDependencies: PendingDependencyInput[];
  /** API keys each service provides, by slug, so consumers imported later can find it. */
  providedApis: Map<string, string[]>;
};

/**
 * Turns dependsOn, dependencyOf and API provide/consume pairs into edges "from depends on to",
 * one per pair. A reference to an entity outside the files becomes a pending edge, not an error.
 */
export function listBackstageDependencies(
  services: TServiceEntity[],
  entities: Map<string, TLocatedEntity>,
  issues: TCatalogIssues,
): TBackstageDependencies {
  const serviceByKey = new Map(services.map((service) => [service.key, service]));
  const resolve = (owner: TServiceEntity, field: string, ref: string) =>
    issues.attempt(() => resolveServiceRef(owner, field, ref, entities, serviceByKey));

  const providersByApi = new Map<string, TServiceEntity[]>();
  const providedApis = new Map<string, string[]>();
  for (const service of services) {
    service.spec.providesApis.forEach((ref, index) => {
      const api = issues.attempt(() =>
        resolveApiKey(service, `spec.providesApis[${index}]`, ref, entities),
      );
      if (!api) return;
      providersByApi.set(api.key, [...(providersByApi.get(api.key) ?? []), service]);
      providedApis.set(service.slug, [...(providedApis.get(service.slug) ?? []), api.key]);
    });
  }

  const declared = new Map<string, TDeclaredEdge>();
  const add = (from: TServiceEntity, to: TTarget, via: string[]) => {
    if (from.key === to.key) return;
    const pairKey = `${from.key}->${to.key}`;
    const edge = declared.get(pairKey) ?? { from, to, via: new Set<string>() };
    for (const key of via) edge.via.add(key);
    declared.set(pairKey, edge);
  };
  for (const service of services) {
    service.spec.dependsOn.forEach((ref, index) => {
      const target = resolve(service, `spec.dependsOn[${index}]`, ref);
      if (target) add(service, target, [target.key]);
    });
    service.spec.dependencyOf.forEach((ref, index) => {
      const field = `spec.dependencyOf[${index}]`;
      const dependent = resolve(service, field, ref);
      if (dependent?.kind === "missing") {
        // The table keeps edges from a known service; a missing dependent has none to hang on.
        issues.attempt(() => {
          throw catalogError(
            service.file,
            service.label,
            field,
            `"${ref}" refers to ${dependent.ref}, which is not in the imported files: declare the edge as its dependsOn instead`,
          );
        });
      } else if (dependent) {
        add(dependent.service, { kind: "service", key: service.key, service }, [service.key]);
      }
    });
    service.spec.consumesApis.forEach((ref, index) => {
      const api = issues.attempt(() =>
        resolveApiKey(service, `spec.consumesApis[${index}]`, ref, entities),
      );
      if (!api) return;
      const providers = providersByApi.get(api.key) ?? [];
      for (const provider of providers) {
        add(service, { kind: "service", key: provider.key, service: provider }, [
          provider.key,
          api.key,
        ]);
      }
      if (providers.length === 0) {
        add(service, { kind: "missing", key: api.key, toSlug: api.key, ref: api.ref }, [api.key]);
      }
    });
  }

  const edges = [...declared.values()];
  const annotated = new Map<string, { optional: Set<string>; async: Set<string> }>();
  for (const service of services) {
    const outgoing = edges.filter((edge) => edge.from.key === service.key);
    const read = (annotation: string) => readDependencyKeys(service, annotation, outgoing, issues);
    annotated.set(service.key, {
      optional: read(FAULTLINE_ANNOTATIONS.optionalDependencies),
      async: read(FAULTLINE_ANNOTATIONS.asyncDependencies),
    });
  }
  const dependencies: DependencyInput[] = [];
  const pendingDependencies: PendingDependencyInput[] = [];
  for (const edge of edges) {
    const listed = annotated.get(edge.from.key);
    const isListed = (keys: Set<string> | undefined) => [...edge.via].some((key) => keys?.has(key));
    const criticality = isListed(listed?.optional) ? "optional" : "critical";
    const isAsync = isListed(listed?.async);
    if (edge.to.kind === "missing") {
      const kind = isAsync ? "async" : "sync";
      pendingDependencies.push({
        from: edge.from.slug,
        toSlug: edge.to.toSlug,
        ref: edge.to.ref,
        kind,
        criticality,
      });
      continue;
    }
    const target = edge.to.service;
    const isDataStore =
      target.ref.kind === "resource" && DATA_STORE_KINDS.has(target.spec.type ?? "");
    dependencies.push({
      from: edge.from.slug,
      to: target.slug,
      kind: isAsync ? "async" : isDataStore ? "data" : "sync",
      criticality,
    });
  }
  return {
    dependencies: readBusEdgesBackwards(dependencies, services),
    pendingDependencies,
    providedApis,
  };
}

// A bus's dependsOn follows the messages to its consumers; they depend on it, asynchronously.
function readBusEdgesBackwards(
  edges: DependencyInput[],
  services: TServiceEntity[],
): DependencyInput[] {
  const buses = new Set(
    services
      .filter(
        (service) =>
          service.ref.kind === "resource" && MESSAGE_BUS_KINDS.has(service.spec.type ?? ""),
      )
      .map((service) => service.slug),
  );
  const direct = edges.filter((edge) => !buses.has(edge.from));
  const taken = new Set(direct.map((edge) => `${edge.from}->${edge.to}`));
  const reversed = edges
    .filter((edge) => buses.has(edge.from))
    .map((edge): DependencyInput => ({ ...edge, from: edge.to, to: edge.from, kind: "async" }))
    .filter((edge) => !taken.has(`${edge.from}->${edge.to}`));
  return [...direct, ...reversed];
}

function resolveServiceRef(
  owner: TServiceEntity,
  field: string,
  ref: string,
  entities: Map<string, TLocatedEntity>,
  serviceByKey: Map<string, TServiceEntity>,
): TTarget {
  const parsed = parseEntityRef(ref, "component");
  if (!parsed) {
    throw catalogError(owner.file, owner.label, field, `"${ref}" is not an entity reference`);
  }
  const key = toEntityKey(parsed);
  const entity = entities.get(key);
  const kind = entity?.entity.kind ?? parsed.kind;
  if (!SERVICE_KINDS.includes(parsed.kind)) {
    throw catalogError(
      owner.file,
      owner.label,
      field,
      `"${ref}" refers to a ${kind}; expected ${SERVICE_KINDS.join(" or ")}`,
    );
  }
  const service = serviceByKey.get(key);
  if (service) return { kind: "service", key, service };
  return {
    kind: "missing",
    key,
    toSlug: toServiceSlug(parsed.name),
    ref: describeEntityRef(parsed),
  };
}

function resolveApiKey(
  owner: TServiceEntity,
  field: string,
  ref: string,
  entities: Map<string, TLocatedEntity>,
): { key: string; ref: string } {
  const parsed = parseEntityRef(ref, "api");
  if (!parsed) {
    throw catalogError(owner.file, owner.label, field, `"${ref}" is not an entity reference`);
  }
  if (parsed.kind !== "api") {
    const kind = entities.get(toEntityKey(parsed))?.entity.kind ?? parsed.kind;
    throw catalogError(
      owner.file,
      owner.label,
      field,
      `"${ref}" refers to a ${kind}; expected api`,
    );
  }
  // "api:default/search": the key is also the pending target, which API_TARGET_PREFIX marks.
  return { key: toEntityKey(parsed), ref: describeEntityRef(parsed) };
}

// A comma-separated annotation naming some of this entity's dependencies (or the APIs behind them).
function readDependencyKeys(
  service: TServiceEntity,
  annotation: string,
  outgoing: TDeclaredEdge[],
  issues: TCatalogIssues,
): Set<string> {
  const value = service.entity.metadata.annotations?.[annotation] ?? "";
  const field = `metadata.annotations["${annotation}"]`;
  const keys = new Set<string>();
  for (const ref of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const key = issues.attempt(() => {
      const parsed = parseEntityRef(ref, "component");
      if (!parsed) {
        throw catalogError(
          service.file,
          service.label,
          field,
          `"${ref}" is not an entity reference`,
        );
      }
      const key = toEntityKey(parsed);
      if (!outgoing.some((edge) => edge.via.has(key))) {
        throw catalogError(
          service.file,
          service.label,
          field,
          `"${ref}" is not one of this entity's dependencies`,
        );
      }
      return key;
    });
    if (key) keys.add(key);
  }
  return keys;
}
