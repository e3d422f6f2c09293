import { catalogError } from "../catalog-error";
import type { DependencyInput } from "../schemas";
import { describeEntityRef, parseEntityRef, toEntityKey } from "./parse-entity-ref";
import type { TLocatedEntity } from "./read-backstage-entities";
import { DATA_RESOURCE_TYPES, FAULTLINE_ANNOTATIONS } from "./schemas";
import type { TServiceEntity } from "./to-backstage-service";

const SERVICE_KINDS = ["component", "resource"];

type TPendingEdge = {
  from: TServiceEntity;
  to: TServiceEntity;
  /** Keys of the entities this edge was declared through: the target, and the API if any. */
  via: Set<string>;
};

/**
 * Turns dependsOn, dependencyOf and API provide/consume pairs into edges "from depends on to",
 * one per pair. Every reference must name an entity among the imported files.
 */
export function listBackstageDependencies(
  services: TServiceEntity[],
  entities: Map<string, TLocatedEntity>,
): DependencyInput[] {
  const serviceByKey = new Map(services.map((service) => [service.key, service]));
  const resolveService = (owner: TServiceEntity, field: string, ref: string) => {
    const target = resolveRef(owner, field, ref, "component", entities, SERVICE_KINDS);
    const service = serviceByKey.get(target.key);
    if (!service) throw catalogError(owner.file, owner.label, field, `"${ref}" is not a service`);
    return service;
  };

  const providersByApi = new Map<string, TServiceEntity[]>();
  for (const service of services) {
    service.spec.providesApis.forEach((ref, index) => {
      const api = resolveRef(service, `spec.providesApis[${index}]`, ref, "api", entities, ["api"]);
      providersByApi.set(api.key, [...(providersByApi.get(api.key) ?? []), service]);
    });
  }

  const pending = new Map<string, TPendingEdge>();
  const add = (from: TServiceEntity, to: TServiceEntity, via: string[]) => {
    if (from.key === to.key) return;
    const pairKey = `${from.key}->${to.key}`;
    const edge = pending.get(pairKey) ?? { from, to, via: new Set<string>() };
    for (const key of via) edge.via.add(key);
    pending.set(pairKey, edge);
  };
  for (const service of services) {
    service.spec.dependsOn.forEach((ref, index) => {
      const target = resolveService(service, `spec.dependsOn[${index}]`, ref);
      add(service, target, [target.key]);
    });
    service.spec.dependencyOf.forEach((ref, index) => {
      const dependent = resolveService(service, `spec.dependencyOf[${index}]`, ref);
      add(dependent, service, [service.key]);
    });
    service.spec.consumesApis.forEach((ref, index) => {
      const api = resolveRef(service, `spec.consumesApis[${index}]`, ref, "api", entities, ["api"]);
      for (const provider of providersByApi.get(api.key) ?? []) {
        add(service, provider, [provider.key, api.key]);
      }
    });
  }

  const edges = [...pending.values()];
  const optionalRefs = new Map<string, Set<string>>();
  const asyncRefs = new Map<string, Set<string>>();
  for (const service of services) {
    const outgoing = edges.filter((edge) => edge.from.key === service.key);
    const read = (annotation: string) =>
      readDependencyRefs(service, annotation, outgoing, entities);
    optionalRefs.set(service.key, read(FAULTLINE_ANNOTATIONS.optionalDependencies));
    asyncRefs.set(service.key, read(FAULTLINE_ANNOTATIONS.asyncDependencies));
  }
  return edges.map((edge) => {
    const isListed = (refs: Map<string, Set<string>>) =>
      [...edge.via].some((key) => refs.get(edge.from.key)?.has(key));
    const isDataStore =
      edge.to.ref.kind === "resource" && DATA_RESOURCE_TYPES.has(edge.to.spec.type ?? "");
    return {
      from: edge.from.slug,
      to: edge.to.slug,
      kind: isListed(asyncRefs) ? "async" : isDataStore ? "data" : "sync",
      criticality: isListed(optionalRefs) ? "optional" : "critical",
    };
  });
}

function resolveRef(
  owner: TLocatedEntity,
  field: string,
  ref: string,
  defaultKind: string,
  entities: Map<string, TLocatedEntity>,
  allowedKinds: string[],
): TLocatedEntity {
  const parsed = parseEntityRef(ref, defaultKind);
  if (!parsed) {
    throw catalogError(owner.file, owner.label, field, `"${ref}" is not an entity reference`);
  }
  const target = entities.get(toEntityKey(parsed));
  if (!target) {
    throw catalogError(
      owner.file,
      owner.label,
      field,
      `"${ref}" refers to ${describeEntityRef(parsed)}, which is not in the imported files`,
    );
  }
  if (!allowedKinds.includes(target.ref.kind)) {
    throw catalogError(
      owner.file,
      owner.label,
      field,
      `"${ref}" refers to a ${target.entity.kind}; expected ${allowedKinds.join(" or ")}`,
    );
  }
  return target;
}

// A comma-separated annotation naming some of this entity's dependencies (or the APIs behind them).
function readDependencyRefs(
  service: TServiceEntity,
  annotation: string,
  outgoing: TPendingEdge[],
  entities: Map<string, TLocatedEntity>,
): Set<string> {
  const value = service.entity.metadata.annotations?.[annotation] ?? "";
  const field = `metadata.annotations["${annotation}"]`;
  const keys = new Set<string>();
  for (const ref of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const target = resolveRef(service, field, ref, "component", entities, [
      ...SERVICE_KINDS,
      "api",
    ]);
    if (!outgoing.some((edge) => edge.via.has(target.key))) {
      throw catalogError(
        service.file,
        service.label,
        field,
        `"${ref}" is not one of this entity's dependencies`,
      );
    }
    keys.add(target.key);
  }
  return keys;
}
