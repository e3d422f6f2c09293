import { toServiceSlug } from "../../ingest/map-labels";
import { catalogError } from "../catalog-error";
import {
  type CatalogFile,
  type CatalogSnapshot,
  type DependencyInput,
  type ServiceInput,
  ZServiceInput,
} from "../schemas";
import {
  type TPagerDutyService,
  ZPagerDutyService,
  ZPagerDutyServiceDependency,
  ZPagerDutyServicesExport,
} from "./schemas";

/**
 * Reads PagerDuty services and their dependencies (REST API shapes): each service keeps its
 * PagerDuty id; its first team is the owner and its escalation policy the on-call.
 */
export function parsePagerDutyServices(file: CatalogFile, source: string): CatalogSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (cause) {
    throw catalogError(file.name, "services export", null, `not valid JSON: ${String(cause)}`);
  }
  const parsed = ZPagerDutyServicesExport.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw catalogError(
      file.name,
      "services export",
      issue?.path.join(".") || null,
      `${issue?.message ?? "invalid"} (expected the GET /services response)`,
    );
  }
  const slugById = new Map<string, string>();
  const idBySlug = new Map<string, string>();
  const services = parsed.data.services.map((raw, index) => {
    const { id, service } = toService(file.name, raw, index);
    const entity = `service ${id}`;
    if (slugById.has(id))
      throw catalogError(file.name, entity, `services[${index}].id`, "listed twice");
    const taken = idBySlug.get(service.slug);
    if (taken) {
      throw catalogError(
        file.name,
        entity,
        `services[${index}].name`,
        `gives the slug "${service.slug}", as service ${taken} does`,
      );
    }
    slugById.set(id, service.slug);
    idBySlug.set(service.slug, id);
    return service;
  });
  return {
    source,
    services,
    dependencies: listDependencies(file.name, parsed.data.relationships ?? [], slugById),
    flows: [],
  };
}

function toService(
  file: string,
  raw: unknown,
  index: number,
): { id: string; service: ServiceInput } {
  const parsed = ZPagerDutyService.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path =
      issue?.path
        .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
        .join("") ?? "";
    throw catalogError(
      file,
      describeRaw(raw) ?? `services[${index}]`,
      `services[${index}]${path}`,
      issue?.message ?? "invalid",
    );
  }
  const service: TPagerDutyService = parsed.data;
  const slug = toServiceSlug(service.name);
  if (!ZServiceInput.shape.slug.safeParse(slug).success) {
    throw catalogError(
      file,
      `service ${service.id}`,
      `services[${index}].name`,
      `gives "${slug}", which is not a usable service slug`,
    );
  }
  const input: ServiceInput = {
    slug,
    name: service.name,
    owner: service.teams?.[0]?.summary ?? null,
    onCall: service.escalation_policy?.summary ?? null,
    metadata: {
      pagerdutyServiceId: service.id,
      ...(service.description?.trim() ? { description: service.description.trim() } : {}),
      ...(service.html_url ? { pagerdutyUrl: service.html_url } : {}),
    },
  };
  return { id: service.id, service: input };
}

// Business services are not in GET /services; their dependencies are not service edges.
const isBusinessService = (type: string | null | undefined) =>
  type?.startsWith("business_service") ?? false;

function listDependencies(
  file: string,
  relationships: unknown[],
  slugById: Map<string, string>,
): DependencyInput[] {
  const edges = new Map<string, DependencyInput>();
  relationships.forEach((raw, index) => {
    const parsed = ZPagerDutyServiceDependency.safeParse(raw);
    const entity = `relationship ${parsed.data?.id ?? index}`;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw catalogError(
        file,
        entity,
        `relationships[${index}].${issue?.path.join(".") ?? ""}`,
        issue?.message ?? "invalid",
      );
    }
    const { dependent_service: dependent, supporting_service: supporting } = parsed.data;
    if (isBusinessService(dependent.type) || isBusinessService(supporting.type)) return;
    const slugOf = (reference: { id: string }, side: string) => {
      const slug = slugById.get(reference.id);
      if (!slug) {
        throw catalogError(
          file,
          entity,
          `relationships[${index}].${side}.id`,
          `unknown service id "${reference.id}": it is not among the services`,
        );
      }
      return slug;
    };
    const from = slugOf(dependent, "dependent_service");
    const to = slugOf(supporting, "supporting_service");
    // Each dependency is listed once from each side when exported per service.
    if (from !== to)
      edges.set(`${from}\u0000${to}`, { from, to, kind: "sync", criticality: "critical" });
  });
  return [...edges.values()];
}

function describeRaw(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null || !("id" in raw)) return null;
  return typeof raw.id === "string" ? `service ${raw.id}` : null;
}
