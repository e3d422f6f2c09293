import { toServiceSlug } from "../../ingest/map-labels";
import { catalogError, collectCatalogIssues, type TCatalogIssues } from "../catalog-error";
import {
  type CatalogFile,
  type CatalogSnapshot,
  type DependencyInput,
  PAGERDUTY_TARGET_PREFIX,
  type PendingDependencyInput,
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
 * PagerDuty id; its first team is the owner and its escalation policy the on-call. A supporting
 * service outside the file becomes a pending edge; every problem is reported at once.
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
  const issues = collectCatalogIssues();
  const slugById = new Map<string, string>();
  const idBySlug = new Map<string, string>();
  const services: ServiceInput[] = [];
  parsed.data.services.forEach((raw, index) => {
    issues.attempt(() => {
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
      services.push(service);
    });
  });
  const { dependencies, pendingDependencies } = listDependencies(
    file.name,
    parsed.data.relationships ?? [],
    slugById,
    issues,
  );
  issues.throwIfAny();
  return { source, services, dependencies, pendingDependencies, flows: [] };
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
  issues: TCatalogIssues,
): { dependencies: DependencyInput[]; pendingDependencies: PendingDependencyInput[] } {
  const edges = new Map<string, DependencyInput>();
  const pending = new Map<string, PendingDependencyInput>();
  relationships.forEach((raw, index) => {
    const parsed = ZPagerDutyServiceDependency.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      issues.attempt(() => {
        throw catalogError(
          file,
          `relationship ${index}`,
          `relationships[${index}].${issue?.path.join(".") ?? ""}`,
          issue?.message ?? "invalid",
        );
      });
      return;
    }
    const { dependent_service: dependent, supporting_service: supporting } = parsed.data;
    if (isBusinessService(dependent.type) || isBusinessService(supporting.type)) return;
    const from = slugById.get(dependent.id);
    // A dependent outside the file declares this edge in its own export.
    if (!from) return;
    const to = slugById.get(supporting.id);
    if (to) {
      // Each dependency is listed once from each side when exported per service.
      if (from !== to)
        edges.set(`${from}\u0000${to}`, { from, to, kind: "sync", criticality: "critical" });
      return;
    }
    const summary = supporting.summary?.trim();
    const toSlug = summary ? toServiceSlug(summary) : `${PAGERDUTY_TARGET_PREFIX}${supporting.id}`;
    pending.set(`${from}\u0000${toSlug}`, {
      from,
      toSlug,
      ref: supporting.id,
      kind: "sync",
      criticality: "critical",
    });
  });
  return { dependencies: [...edges.values()], pendingDependencies: [...pending.values()] };
}

function describeRaw(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null || !("id" in raw)) return null;
  return typeof raw.id === "string" ? `service ${raw.id}` : null;
}
