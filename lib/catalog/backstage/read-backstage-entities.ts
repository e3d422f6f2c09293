import { parseAllDocuments } from "yaml";
import { catalogError, type TCatalogIssues } from "../catalog-error";
import type { CatalogFile } from "../schemas";
import { describeEntityRef, type TEntityRef, toEntityKey } from "./parse-entity-ref";
import { isValidEntityName, type TBackstageEntity, ZBackstageEntity } from "./schemas";

/** One entity and where it was written, for lookups and error messages. */
export type TLocatedEntity = {
  file: string;
  ref: TEntityRef;
  key: string;
  /** "component:artist-lookup" */
  label: string;
  entity: TBackstageEntity;
};

/** Reads every YAML document of a file as an entity; empty documents are skipped, bad ones noted. */
export function readBackstageEntities(file: CatalogFile, issues: TCatalogIssues): TLocatedEntity[] {
  const entities: TLocatedEntity[] = [];
  parseAllDocuments(file.text).forEach((document, index) => {
    const entity = issues.attempt(() => readDocument(file.name, document, index));
    if (entity) entities.push(entity);
  });
  return entities;
}

function readDocument(
  file: string,
  document: ReturnType<typeof parseAllDocuments>[number],
  index: number,
): TLocatedEntity | null {
  const where = `document ${index + 1}`;
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0].line;
    const problem = error.message.split("\n")[0] ?? "invalid YAML";
    throw catalogError(file, where, line ? `line ${line}` : null, `YAML syntax error: ${problem}`);
  }
  let value: unknown;
  try {
    value = document.toJS();
  } catch (cause) {
    throw catalogError(file, where, null, `unreadable YAML: ${String(cause)}`);
  }
  if (value === null || value === undefined) return null;
  return toLocatedEntity(file, where, value);
}

function toLocatedEntity(file: string, where: string, value: unknown): TLocatedEntity {
  const result = ZBackstageEntity.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw catalogError(
      file,
      describeRawEntity(value) ?? where,
      issue ? formatIssuePath(issue.path) : null,
      issue?.message ?? "not a Backstage entity",
    );
  }
  const entity = result.data;
  const ref: TEntityRef = {
    kind: entity.kind.toLowerCase(),
    namespace: (entity.metadata.namespace ?? "default").toLowerCase(),
    name: entity.metadata.name,
  };
  const label = describeEntityRef(ref);
  if (!isValidEntityName(entity.metadata.name)) {
    throw catalogError(
      file,
      label,
      "metadata.name",
      `"${entity.metadata.name}" is not a valid entity name: use letters and digits joined by single "-", "_" or ".", at most 63 characters`,
    );
  }
  return { file, ref, key: toEntityKey(ref), label, entity };
}

// Names the entity in an error even when the document is too broken to validate.
function describeRawEntity(value: unknown): string | null {
  if (!isRecord(value) || typeof value.kind !== "string") return null;
  const name = isRecord(value.metadata) ? value.metadata.name : undefined;
  return typeof name === "string" ? `${value.kind.toLowerCase()}:${name}` : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `["spec", "dependsOn", 0]` → `spec.dependsOn[0]`; keys with "/" or "." are bracketed. */
export function formatIssuePath(path: PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === "number") return `[${part}]`;
      const text = String(part);
      if (/[./]/.test(text)) return `["${text}"]`;
      return index === 0 ? text : `.${text}`;
    })
    .join("");
}
