import { catalogError, collectCatalogIssues } from "../catalog-error";
import type { CatalogFile, CatalogSnapshot } from "../schemas";
import { listBackstageDependencies } from "./list-backstage-dependencies";
import { readBackstageEntities, type TLocatedEntity } from "./read-backstage-entities";
import { readServiceEntity, type TServiceEntity, toBackstageService } from "./to-backstage-service";

// Components and Resources are services; APIs, Systems and Groups only inform them; the rest
// (User, Domain, Location, Template, …) is not ours to read.
const SERVICE_KINDS = new Set(["component", "resource"]);

/**
 * Reads Backstage catalog files (multi-document YAML) into a snapshot: services from Components
 * and Resources, dependencies from dependsOn, dependencyOf and the APIs they provide and consume.
 * References to entities outside the files become pending edges. Every problem in every file is
 * reported at once, in one error.
 */
export function parseBackstage(files: CatalogFile[], source: string): CatalogSnapshot {
  const issues = collectCatalogIssues();
  const entities = new Map<string, TLocatedEntity>();
  for (const entity of files.flatMap((file) => readBackstageEntities(file, issues))) {
    const earlier = entities.get(entity.key);
    if (!earlier) {
      entities.set(entity.key, entity);
      continue;
    }
    issues.attempt(() => {
      throw catalogError(
        entity.file,
        entity.label,
        "metadata.name",
        `defined twice (also in ${earlier.file})`,
      );
    });
  }
  const serviceEntities: TServiceEntity[] = [];
  const bySlug = new Map<string, TLocatedEntity>();
  for (const located of entities.values()) {
    if (!SERVICE_KINDS.has(located.ref.kind)) continue;
    const entity = issues.attempt(() => readServiceEntity(located));
    if (!entity) continue;
    const taken = bySlug.get(entity.slug);
    if (taken) {
      issues.attempt(() => {
        throw catalogError(
          entity.file,
          entity.label,
          "metadata.name",
          `gives the service slug "${entity.slug}", already used by ${taken.label} in ${taken.file}`,
        );
      });
      continue;
    }
    bySlug.set(entity.slug, entity);
    serviceEntities.push(entity);
  }
  const services = serviceEntities.map((entity) => toBackstageService(entity, issues));
  const { dependencies, pendingDependencies, providedApis } = listBackstageDependencies(
    serviceEntities,
    entities,
    issues,
  );
  issues.throwIfAny();
  return {
    source,
    services: services.map((service) => {
      const apis = providedApis.get(service.slug);
      return apis ? { ...service, metadata: { ...service.metadata, providesApis: apis } } : service;
    }),
    dependencies,
    pendingDependencies,
    flows: [],
  };
}
