import { z } from "zod";

/** A reference to another PagerDuty object, as the REST API embeds them. */
const ZPagerDutyReference = z.object({
  id: z.string().min(1),
  type: z.string().nullish(),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
});

/** One service from GET /services (fields we read; the rest are allowed and ignored). */
export const ZPagerDutyService = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullish(),
  status: z.string().nullish(),
  html_url: z.string().nullish(),
  escalation_policy: ZPagerDutyReference.nullish(),
  teams: z.array(ZPagerDutyReference).nullish(),
});
export type TPagerDutyService = z.infer<typeof ZPagerDutyService>;

/** One entry of `relationships` from GET /service_dependencies/technical_services/{id}. */
export const ZPagerDutyServiceDependency = z.object({
  id: z.string().nullish(),
  type: z.string().nullish(),
  supporting_service: ZPagerDutyReference,
  dependent_service: ZPagerDutyReference,
});

/**
 * The file we read: the GET /services response (services, limit, offset, more, total), with the
 * service-dependencies responses' relationships added under `relationships`.
 */
export const ZPagerDutyServicesExport = z.object({
  services: z.array(z.unknown()),
  relationships: z.array(z.unknown()).nullish(),
});
