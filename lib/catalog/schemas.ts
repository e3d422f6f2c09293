import { z } from "zod";

export const ZServiceInput = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'"),
  name: z.string().min(1),
  tier: z.number().int().min(1).max(4).nullable().default(null),
  owner: z.string().nullable().default(null),
  onCall: z.string().nullable().default(null),
  runbookUrl: z.string().nullable().default(null),
  healthEndpoint: z.string().nullable().default(null),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type ServiceInput = z.input<typeof ZServiceInput>;
export type TServiceInput = z.infer<typeof ZServiceInput>;

export const ZDependencyInput = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(["sync", "async", "data"]).default("sync"),
  criticality: z.enum(["critical", "optional"]).default("critical"),
});
export type DependencyInput = z.input<typeof ZDependencyInput>;
export type TDependencyInput = z.infer<typeof ZDependencyInput>;

export type Topology = { services: ServiceInput[]; dependencies: DependencyInput[] };
