import { catalogError } from "../catalog-error";
import type { CatalogFile, CatalogSnapshot } from "../schemas";
import { listBackstageDependencies } from "./list-backstage-dependencies";
import { readBackstageEntities, type TLocatedEntity } from "./read-backstage-entities";
import { readServiceEntity, toBackstageService } from "./to-backstage-service";

// Components and Resources are services; APIs, Systems and Groups only inform them; the rest
// (User, Domain, Location, Template, …) is not ours to read.
const SERVICE_KINDS = new Set(["component", "resource"]);

/**
 * Reads Backstage catalog files (multi-document YAML) into a snapshot: services from Components
 * and Resources, dependencies from dependsOn, dependencyOf and the APIs they provide and consume.
 */
export function parseBackstage(files: CatalogFile[], source: string): CatalogSnapshot {
  const entities = new Map<string, TLocatedEntity>();
  for (const entity of files.flatMap(readBackstageEntities)) {
    const earlier = entities.get(entity.key);
    if (earlier) {
      throw catalogError(
        entity.file,
        entity.label,
        "metadata.name",
        `defined twice (also in ${earlier.file})`,
      );
    }
    entities.set(entity.key, entity);
  }
  const serviceEntities = [...entities.values()]
    .filter((entity) => SERVICE_KINDS.has(entity.ref.kind))
    .map(readServiceEntity);
  const bySlug = new Map<string, TLocatedEntity>();
  for (const entity of serviceEntities) {
    const taken = bySlug.get(entity.slug);
    if (taken) {
      throw catalogError(
        entity.file,
        entity.label,
        "metadata.name",
        `gives the service slug "${entity.slug}", already used by ${taken.label} in ${taken.file}`,
      );
    }
    bySlug.set(entity.slug, entity);
  }
  return {
    source,
    services: serviceEntities.map(toBackstageService),
    dependencies: listBackstageDependencies(serviceEntities, entities),
    flows: [],
  };
}
