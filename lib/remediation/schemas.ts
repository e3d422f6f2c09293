import { z } from "zod";
import type { TExecutorTarget } from "./describe-executor-target";

/** The remediation kinds Faultline can preview and apply. */
export const REMEDIATION_KINDS = ["rollback", "revert", "scale", "toggle"] as const;
export const ZRemediationKind = z.enum(REMEDIATION_KINDS);
export type TRemediationKind = z.infer<typeof ZRemediationKind>;

/** A service's files at one moment: path → whole text. */
export type TFileSet = Record<string, string>;

/** How a file was compared: YAML/JSON semantically, anything else (or unparsable) as text. */
export type TDiffFormat = "yaml" | "json" | "text";

/** A Kubernetes document's identity within a bundle: apiVersion, kind, namespace, name. */
export type TDocumentRef = {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** "apps/v1 Deployment default/order-service" — stable, used in warnings and includes. */
  key: string;
};

export type TDocumentChange = {
  ref: TDocumentRef | null;
  /** Position in the bundle when the document has no identity (plain YAML). */
  index: number;
  change: "added" | "removed" | "changed";
};

/** One file's reviewed diff. Secret values are already redacted in `diff`. */
export type TFileDiff = {
  path: string;
  format: TDiffFormat;
  /** Set when the name says YAML/JSON but the content did not parse: diffed as text. */
  note?: string;
  /** For YAML/JSON bundles: only the documents that changed. */
  documents: TDocumentChange[];
  /** A unified diff (with ---/+++ and @@ headers), of the canonical forms, redacted. */
  diff: string;
  /** True when a secret value changed: shown as changed, never what it holds. */
  hasSecretChange: boolean;
};

export type TWarningCode =
  | "not_reverted" // a ConfigMap/Secret (or other document) the rollback leaves as it is
  | "included" // a ConfigMap/Secret the responder deliberately added to the rollback
  | "plain_text" // a YAML/JSON file that did not parse, diffed as text
  | "secret_redacted" // a secret changed; its values are hidden
  | "no_change"; // the remediation changes nothing

export type TWarning = {
  code: TWarningCode;
  message: string;
  path?: string;
  document?: string;
  /** A rollback can take this document too, if the responder adds it by its `document` key. */
  canInclude?: boolean;
};

/** What an executor writes: each file's whole new text (null deletes it). Never shown as is. */
export type TFileWrite = { path: string; content: string | null };

/** A computed remediation: what it writes, the redacted diffs a responder reviews, and why not more. */
export type TRemediationPlan = {
  kind: TRemediationKind;
  writes: TFileWrite[];
  diffs: TFileDiff[];
  warnings: TWarning[];
};

const ZServiceSlug = z.string().trim().min(1).max(200);
const ZVersion = z.string().trim().min(1).max(200);
const ZPaths = z.array(z.string().trim().min(1).max(500)).min(1).max(200);

/**
 * What a remediation does, as stored with it: enough to recompute its plan against the stored
 * versions at any time (so an apply can check that nothing moved since the preview).
 */
export const ZRemediationParams = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("rollback"),
    toChangeId: z.number().int(),
    include: z.array(z.string()).default([]),
  }),
  z.object({ kind: z.literal("revert"), toChangeId: z.number().int(), paths: ZPaths }),
  z.object({
    kind: z.literal("scale"),
    workload: z.string().trim().min(1).max(300),
    replicas: z.number().int(),
  }),
  z.object({
    kind: z.literal("toggle"),
    flag: z.string().trim().min(1).max(200),
    enabled: z.boolean().optional(),
  }),
  // Puts back what an apply overwrote: its paths' contents from before it.
  z.object({ kind: z.literal("undo"), applyId: z.number().int() }),
]);
export type TRemediationParams = z.infer<typeof ZRemediationParams>;

/** POST /api/incidents/:id/remediations: a preview started by hand. */
export const ZCreateRemediationBody = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("rollback"),
    service: ZServiceSlug,
    toVersion: ZVersion.optional(),
    include: z.array(z.string().trim().min(1).max(300)).max(200).optional(),
  }),
  z.object({
    kind: z.literal("revert"),
    service: ZServiceSlug,
    toVersion: ZVersion.optional(),
    files: ZPaths.optional(),
  }),
  z.object({
    kind: z.literal("scale"),
    service: ZServiceSlug,
    workload: z.string().trim().min(1).max(300),
    replicas: z.number().int().min(0).max(10_000),
  }),
  z.object({
    kind: z.literal("toggle"),
    service: ZServiceSlug,
    flag: z.string().trim().min(1).max(200),
    enabled: z.boolean().optional(),
  }),
]);
export type TCreateRemediationBody = z.infer<typeof ZCreateRemediationBody>;

export const ZDiffHash = z.string().regex(/^[0-9a-f]{64}$/, "must be a 64-character sha256 hex");
export const ZApplyBody = z.object({ diffHash: ZDiffHash });
export const ZRemediationId = z.coerce.number().int().positive().max(2_147_483_647);

/** A remediation as the API and the page show it. Secret values are redacted everywhere in it. */
export type TRemediationView = {
  id: number;
  incidentId: number | null;
  kind: TRemediationKind;
  origin: "suggested" | "manual" | "undo";
  service: string;
  /** "Roll back order-service from v42 to v41" */
  summary: string;
  fromVersion: string | null;
  toVersion: string | null;
  diffHash: string;
  warnings: TWarning[];
  files: TFileDiff[];
  isEmpty: boolean;
  applies: TApplyView[];
  undoesRemediationId: number | null;
};

export type TApplyView = {
  id: number;
  diffHash: string;
  executor: string;
  status: "pending" | "applied" | "dry-run" | "failed";
  message: string | null;
  actor: string;
  requestedAt: Date;
  appliedAt: Date | null;
  verifyAt: Date | null;
  verdict: "held" | "did_not_hold" | null;
  result: unknown;
};

/** What an apply wrote, by content hash (contents live in file_contents): enough to undo it. */
export const ZApplyWrites = z.array(
  z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
);
export type TApplyWrites = z.infer<typeof ZApplyWrites>;

/** GET /api/incidents/:id/remediations: the remediations and where an apply would go. */
export type TIncidentRemediations = {
  remediations: TRemediationView[];
  executor: TExecutorTarget;
};
