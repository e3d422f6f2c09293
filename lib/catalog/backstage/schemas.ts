import { z } from "zod";

/** Our annotations: what Backstage has no field for. Documented in docs/catalog/backstage.md. */
export const FAULTLINE_ANNOTATIONS = {
  tier: "faultline.dev/tier",
  onCall: "faultline.dev/on-call",
  runbook: "faultline.dev/runbook",
  healthEndpoint: "faultline.dev/health-endpoint",
  optionalDependencies: "faultline.dev/optional-dependencies",
  asyncDependencies: "faultline.dev/async-dependencies",
  failureModes: "faultline.dev/failure-modes",
  schedules: "faultline.dev/schedules",
  prometheusUrl: "faultline.dev/prometheus-url",
  prometheusErrorRateQuery: "faultline.dev/prometheus-error-rate-query",
  prometheusLatencyP99MsQuery: "faultline.dev/prometheus-latency-p99-ms-query",
} as const;

export const PAGERDUTY_SERVICE_ID_ANNOTATION = "pagerduty.com/service-id";

/** Backstage's naming rule: runs of [a-zA-Z0-9] joined by single '-', '_' or '.', ≤ 63 chars. */
export function isValidEntityName(name: string): boolean {
  return name.length <= 63 && /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/.test(name);
}

// Backstage wants strings; an unquoted `faultline.dev/tier: 1` is still meant as "1".
const ZAnnotationValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const ZBackstageLink = z.object({
  url: z.string().min(1),
  title: z.string().optional(),
  icon: z.string().optional(),
  type: z.string().optional(),
});

/** The envelope every entity kind shares; spec is read per kind. */
export const ZBackstageEntity = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().min(1).optional(),
    title: z.string().nullish(),
    description: z.string().nullish(),
    annotations: z.record(z.string(), ZAnnotationValue).nullish(),
    links: z.array(ZBackstageLink).nullish(),
  }),
  spec: z.record(z.string(), z.unknown()).nullish(),
});
export type TBackstageEntity = z.infer<typeof ZBackstageEntity>;

const ZRefList = z
  .array(z.string().min(1))
  .nullish()
  .transform((refs) => refs ?? []);

/** The spec fields of a Component or Resource that we read. */
export const ZBackstageServiceSpec = z.object({
  type: z.string().nullish(),
  lifecycle: z.string().nullish(),
  owner: z.string().nullish(),
  system: z.string().nullish(),
  dependsOn: ZRefList,
  dependencyOf: ZRefList,
  providesApis: ZRefList,
  consumesApis: ZRefList,
});
export type TBackstageServiceSpec = z.infer<typeof ZBackstageServiceSpec>;
