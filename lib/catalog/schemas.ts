import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { ZServiceOrigin } from "../ingest/schemas";

/** What an on-call engineer needs when this failure mode's symptom shows up. */
export const ZFailureMode = z.object({
  symptom: z.string().min(1),
  likelyCause: z.string().nullable().default(null),
  check: z.string().nullable().default(null),
  remediation: z.string().nullable().default(null),
  escalation: z.string().nullable().default(null),
});
export type TFailureMode = z.infer<typeof ZFailureMode>;

/** A declared batch or cron job of a service: overnight jobs that saturate a database are a cause. */
export const ZSchedule = z.object({
  name: z.string().min(1).max(200),
  cron: z.string().min(1).refine(isCronExpression, 'must be a cron expression such as "0 2 * * *"'),
  durationMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
  timeZone: z.string().min(1).optional(),
});
export type TScheduleInput = z.infer<typeof ZSchedule>;

function isCronExpression(value: string): boolean {
  try {
    CronExpressionParser.parse(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Operational metadata kept on a service (services.metadata). Every field is optional; importers
 * fill what their format carries, unknown keys are kept as they are.
 */
export const ZServiceMetadata = z
  .object({
    /** service, database, cache, broker, gateway, external, … */
    kind: z.string().optional(),
    description: z.string().optional(),
    system: z.string().optional(),
    lifecycle: z.string().optional(),
    dashboards: z.array(z.object({ title: z.string(), url: z.string() })).optional(),
    failureModes: z.array(ZFailureMode).optional(),
    schedules: z.array(ZSchedule).optional(),
    pagerdutyServiceId: z.string().optional(),
    pagerdutyUrl: z.string().optional(),
    /** An optional Prometheus to ask for this service's error rate and latency. */
    prometheus: z
      .object({
        url: z.string().url(),
        errorRateQuery: z.string().optional(),
        latencyP99MsQuery: z.string().optional(),
      })
      .optional(),
    /** Above these, a sample counts as elevated (defaults: 1% errors, 1000 ms p99). */
    thresholds: z
      .object({ errorRate: z.number().optional(), latencyP99Ms: z.number().optional() })
      .optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    /** On a service an alert created: what of the alert named it (a label, a group, ...). */
    mappedFrom: ZServiceOrigin.optional().catch(undefined),
    /** Keys of the Backstage APIs it provides ("api:default/search"), for consumers imported later. */
    providesApis: z.array(z.string()).optional(),
  })
  .catchall(z.unknown());
export type TServiceMetadata = z.infer<typeof ZServiceMetadata>;

export const ZServiceInput = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'"),
  name: z.string().min(1),
  tier: z.number().int().min(1).max(4).nullable().default(null),
  owner: z.string().nullable().default(null),
  onCall: z.string().nullable().default(null),
  runbookUrl: z.string().nullable().default(null),
  healthEndpoint: z.string().nullable().default(null),
  metadata: ZServiceMetadata.default({}),
});
export type ServiceInput = z.input<typeof ZServiceInput>;
export type TServiceInput = z.infer<typeof ZServiceInput>;

/** from depends on to. */
export const ZDependencyInput = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(["sync", "async", "data"]).default("sync"),
  criticality: z.enum(["critical", "optional"]).default("critical"),
});
export type DependencyInput = z.input<typeof ZDependencyInput>;
export type TDependencyInput = z.infer<typeof ZDependencyInput>;

/**
 * An edge to an entity that is not in this import: it connects once a service with `toSlug`
 * exists. `toSlug` is the slug that entity would get, or "api:<namespace>/<name>" for an API,
 * which waits for a service that provides it; `ref` is what the catalog wrote.
 */
export const ZPendingDependencyInput = z.object({
  from: z.string(),
  toSlug: z.string().min(1),
  ref: z.string().min(1),
  kind: ZDependencyInput.shape.kind,
  criticality: ZDependencyInput.shape.criticality,
});
export type PendingDependencyInput = z.input<typeof ZPendingDependencyInput>;
export type TPendingDependencyInput = z.infer<typeof ZPendingDependencyInput>;

/** An "api:" pending target is met by services whose metadata.providesApis lists it. */
export const API_TARGET_PREFIX = "api:";
/** A "pagerduty:<id>" pending target is met by the service with that metadata.pagerdutyServiceId. */
export const PAGERDUTY_TARGET_PREFIX = "pagerduty:";

/** Kinds of service that hold data: a plain dependency on one is a "data" edge. */
export const DATA_STORE_KINDS = new Set(["database", "cache", "storage"]);

/**
 * Kinds of service that carry messages: an edge drawn out of one follows the data, so it is read
 * backwards, as the consumer depending on the bus.
 */
export const MESSAGE_BUS_KINDS = new Set([
  "messagebus",
  "message-bus",
  "queue",
  "topic",
  "kafka-topic",
]);

/** A business flow (CALM flows): which services it runs through and what its failure costs. */
export const ZBusinessFlowInput = z.object({
  uniqueId: z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullable().default(null),
  /** Slugs of the services its steps touch, in order. */
  serviceSlugs: z.array(z.string()),
  businessImpact: z.string().nullable().default(null),
  degradedBehavior: z.string().nullable().default(null),
  customerCommunication: z.string().nullable().default(null),
  sla: z.string().nullable().default(null),
});
export type BusinessFlowInput = z.input<typeof ZBusinessFlowInput>;
export type TBusinessFlowInput = z.infer<typeof ZBusinessFlowInput>;

/**
 * Everything one catalog declares. Importing a snapshot again replaces what that same source
 * declared before: what is gone from it is removed.
 */
export type CatalogSnapshot = {
  /** Who declares this, e.g. "backstage:examples/ecommerce/backstage"; removals are per source. */
  source: string;
  services: ServiceInput[];
  dependencies: DependencyInput[];
  /** Edges to entities outside this import; optional for catalogs that name none. */
  pendingDependencies?: PendingDependencyInput[];
  flows: BusinessFlowInput[];
};

/** Traffic seen between services (tracing service-graph metrics): "client calls server". */
export type ObservedEdge = { client: string; server: string; requests: number };

/** The kinds of catalog `faultline import <format>` reads. */
export const CATALOG_FORMATS = ["backstage", "calm", "pagerduty", "service-graph"] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

/** A file given to an importer: its name (for error messages) and its text. */
export type CatalogFile = { name: string; text: string };

export const ZCatalogImportRequest = z.object({
  format: z.enum(CATALOG_FORMATS),
  /** Names what the import owns; re-importing the same source replaces it. Defaults to "<format>:api". */
  source: z.string().trim().min(1).max(200).optional(),
  files: z
    .array(z.object({ name: z.string().min(1), text: z.string() }))
    .min(1)
    .max(500),
});
