import { z } from "zod";

const ZRecord = z.record(z.string(), z.unknown());

/** CALM metadata: one object, or an array of objects merged in order (later keys win). */
export const ZCalmMetadata = z
  .union([ZRecord, z.array(ZRecord)])
  .nullish()
  .transform(
    (metadata): Record<string, unknown> =>
      Array.isArray(metadata)
        ? Object.fromEntries(metadata.flatMap((part) => Object.entries(part)))
        : { ...metadata },
  );

export const ZCalmNode = z.object({
  "unique-id": z.string().min(1),
  "node-type": z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullish(),
  metadata: ZCalmMetadata,
});
export type TCalmNode = z.infer<typeof ZCalmNode>;

const ZNodeList = z.array(z.string().min(1));

/** The details of each relationship type, as CALM spells them. */
export const ZCalmRelationshipDetails = {
  connects: z.object({
    source: z.object({ node: z.string().min(1) }),
    destination: z.object({ node: z.string().min(1) }),
  }),
  interacts: z.object({ actor: z.string().min(1), nodes: ZNodeList }),
  "composed-of": z.object({ container: z.string().min(1), nodes: ZNodeList }),
  "deployed-in": z.object({ container: z.string().min(1), nodes: ZNodeList }),
  // Choices a pattern leaves open; they name no edge of their own.
  options: z.array(z.unknown()),
} as const;
export type TCalmRelationshipType = keyof typeof ZCalmRelationshipDetails;
export const CALM_RELATIONSHIP_TYPES = Object.keys(ZCalmRelationshipDetails);

export const ZCalmRelationship = z
  .object({
    "unique-id": z.string().min(1),
    "relationship-type": z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    protocol: z.string().nullish(),
    metadata: ZCalmMetadata,
  })
  .catchall(z.unknown());
export type TCalmRelationship = z.infer<typeof ZCalmRelationship>;

export const ZCalmFlow = z.object({
  "unique-id": z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullish(),
  transitions: z.array(
    z.object({
      "relationship-unique-id": z.string().min(1),
      "sequence-number": z.number(),
      direction: z.enum(["source-to-destination", "destination-to-source"]).nullish(),
    }),
  ),
  metadata: ZCalmMetadata,
});
export type TCalmFlow = z.infer<typeof ZCalmFlow>;

/** Each list is checked item by item, so errors can name the node, relationship or flow. */
export const ZCalmArchitecture = z.object({
  nodes: z.array(z.unknown()),
  relationships: z.array(z.unknown()).nullish(),
  flows: z.array(z.unknown()).nullish(),
});

/** Operational metadata we read from a node (the rest of its metadata is kept as it is). */
export const ZCalmOperationalMetadata = z.object({
  owner: z.string().nullish(),
  "oncall-slack": z.string().nullish(),
  "health-endpoint": z.string().nullish(),
  runbook: z.string().nullish(),
  tier: z.union([z.number(), z.string()]).nullish(),
  dashboards: z.array(z.object({ title: z.string().min(1), url: z.string().min(1) })).nullish(),
  "failure-modes": z
    .array(
      z.object({
        symptom: z.string().min(1),
        "likely-cause": z.string().nullish(),
        check: z.string().nullish(),
        remediation: z.string().nullish(),
        escalation: z.string().nullish(),
      }),
    )
    .nullish(),
  schedules: z
    .array(
      z.object({
        name: z.string().min(1),
        cron: z.string().min(1),
        "duration-minutes": z.number(),
        "time-zone": z.string().nullish(),
      }),
    )
    .nullish(),
});

/** Relationship metadata we read: "kind" overrides what the protocol suggests. */
export const ZCalmEdgeMetadata = z.object({
  kind: z.enum(["sync", "async", "data"]).nullish(),
  // Anything but "optional" counts as critical.
  criticality: z.string().nullish(),
});

/** Flow metadata we read. */
export const ZCalmFlowMetadata = z.object({
  "business-impact": z.string().nullish(),
  "degraded-behavior": z.string().nullish(),
  "customer-communication": z.string().nullish(),
  SLA: z.string().nullish(),
  sla: z.string().nullish(),
});
