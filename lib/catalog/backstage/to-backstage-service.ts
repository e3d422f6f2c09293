import type { z } from "zod";
import { toServiceSlug } from "../../ingest/map-labels";
import { catalogError, type TCatalogIssues } from "../catalog-error";
import { type ServiceInput, type TServiceMetadata, ZFailureMode, ZSchedule } from "../schemas";
import { parseEntityRef } from "./parse-entity-ref";
import { formatIssuePath, type TLocatedEntity } from "./read-backstage-entities";
import {
  FAULTLINE_ANNOTATIONS,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
  type TBackstageServiceSpec,
  ZBackstageServiceSpec,
} from "./schemas";

/** A Component or Resource with its spec read. */
export type TServiceEntity = TLocatedEntity & { spec: TBackstageServiceSpec; slug: string };

export function readServiceEntity(located: TLocatedEntity): TServiceEntity {
  const result = ZBackstageServiceSpec.safeParse(located.entity.spec ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw catalogError(
      located.file,
      located.label,
      `spec${issue?.path.length ? formatIssuePath(["", ...issue.path]) : ""}`,
      issue?.message ?? "invalid spec",
    );
  }
  return { ...located, spec: result.data, slug: toServiceSlug(located.entity.metadata.name) };
}

/** Maps an entity's fields, links and annotations onto a service; each bad field is noted. */
export function toBackstageService(entity: TServiceEntity, issues: TCatalogIssues): ServiceInput {
  const { metadata } = entity.entity;
  const annotations = metadata.annotations ?? {};
  const read = (key: string) => annotations[key]?.trim() || null;
  const links = metadata.links ?? [];
  const dashboards = links
    .filter((link) => link.type === "dashboard")
    .map((link) => ({ title: link.title?.trim() || link.url, url: link.url }));
  const runbookLink = links.find((link) => link.type === "runbook");
  return {
    slug: entity.slug,
    name: metadata.title?.trim() || metadata.name,
    tier: issues.attempt(() => readTier(entity, read(FAULTLINE_ANNOTATIONS.tier))) ?? null,
    owner: entity.spec.owner
      ? (issues.attempt(() =>
          readRefName(entity, "spec.owner", entity.spec.owner ?? "", "group"),
        ) ?? null)
      : null,
    onCall: read(FAULTLINE_ANNOTATIONS.onCall),
    runbookUrl: read(FAULTLINE_ANNOTATIONS.runbook) ?? runbookLink?.url ?? null,
    healthEndpoint: read(FAULTLINE_ANNOTATIONS.healthEndpoint),
    metadata: omitUndefined({
      kind: entity.spec.type ?? undefined,
      description: metadata.description?.trim() || undefined,
      system: entity.spec.system
        ? issues.attempt(() =>
            readRefName(entity, "spec.system", entity.spec.system ?? "", "system"),
          )
        : undefined,
      lifecycle: entity.spec.lifecycle ?? undefined,
      dashboards: dashboards.length > 0 ? dashboards : undefined,
      failureModes: issues.attempt(() =>
        readJsonAnnotation(entity, read, FAULTLINE_ANNOTATIONS.failureModes, ZFailureMode.array(), {
          shape: "{symptom, likelyCause, check, remediation, escalation}",
        }),
      ),
      schedules: issues.attempt(() =>
        readJsonAnnotation(entity, read, FAULTLINE_ANNOTATIONS.schedules, ZSchedule.array(), {
          shape: "{name, cron, durationMinutes, timeZone?}",
        }),
      ),
      pagerdutyServiceId: read(PAGERDUTY_SERVICE_ID_ANNOTATION) ?? undefined,
      prometheus: issues.attempt(() => readPrometheus(entity, read)),
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    }),
  };
}

const annotationField = (key: string) => `metadata.annotations["${key}"]`;

function readTier(entity: TServiceEntity, value: string | null): number | null {
  if (value === null) return null;
  if (!/^[1-4]$/.test(value)) {
    throw catalogError(
      entity.file,
      entity.label,
      annotationField(FAULTLINE_ANNOTATIONS.tier),
      `"${value}" is not a tier: use "1", "2", "3" or "4"`,
    );
  }
  return Number(value);
}

/** A Faultline annotation holding a JSON array, validated; undefined when absent. */
function readJsonAnnotation<T>(
  entity: TServiceEntity,
  read: (key: string) => string | null,
  key: string,
  schema: z.ZodType<T>,
  options: { shape: string },
): T | undefined {
  const value = read(key);
  if (value === null) return undefined;
  const field = annotationField(key);
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (cause) {
    throw catalogError(entity.file, entity.label, field, `not valid JSON: ${String(cause)}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw catalogError(
      entity.file,
      entity.label,
      `${field}${issue ? formatIssuePath(["", ...issue.path]) : ""}`,
      `${issue?.message ?? "invalid"}: expected a JSON array of ${options.shape}`,
    );
  }
  return result.data;
}

/** Where to ask for this service's error rate and latency, when its annotations say. */
function readPrometheus(
  entity: TServiceEntity,
  read: (key: string) => string | null,
): TServiceMetadata["prometheus"] {
  const url = read(FAULTLINE_ANNOTATIONS.prometheusUrl);
  const errorRateQuery = read(FAULTLINE_ANNOTATIONS.prometheusErrorRateQuery) ?? undefined;
  const latencyP99MsQuery = read(FAULTLINE_ANNOTATIONS.prometheusLatencyP99MsQuery) ?? undefined;
  if (url === null) {
    if (errorRateQuery || latencyP99MsQuery) {
      throw catalogError(
        entity.file,
        entity.label,
        annotationField(FAULTLINE_ANNOTATIONS.prometheusUrl),
        "is missing: the Prometheus queries need the Prometheus to send them to",
      );
    }
    return undefined;
  }
  if (!URL.canParse(url) || !/^https?:/.test(url)) {
    throw catalogError(
      entity.file,
      entity.label,
      annotationField(FAULTLINE_ANNOTATIONS.prometheusUrl),
      `"${url}" is not an http(s) URL`,
    );
  }
  return omitUndefined({ url, errorRateQuery, latencyP99MsQuery });
}

// Owners and systems are shown by name; they need not be among the imported entities.
function readRefName(entity: TServiceEntity, field: string, ref: string, kind: string): string {
  const parsed = parseEntityRef(ref, kind);
  if (!parsed)
    throw catalogError(entity.file, entity.label, field, `"${ref}" is not an entity reference`);
  return parsed.name;
}

function omitUndefined<Shape extends Record<string, unknown>>(record: Shape): Shape {
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}
