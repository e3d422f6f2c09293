import { z } from "zod";

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

export type TWarning = { code: TWarningCode; message: string; path?: string; document?: string };

/** What an executor writes: each file's whole new text (null deletes it). Never shown as is. */
export type TFileWrite = { path: string; content: string | null };

/** A computed remediation: what it writes, the redacted diffs a responder reviews, and why not more. */
export type TRemediationPlan = {
  kind: TRemediationKind;
  writes: TFileWrite[];
  diffs: TFileDiff[];
  warnings: TWarning[];
};
