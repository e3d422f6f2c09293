import { isDeepStrictEqual } from "node:util";

/**
 * When two catalogs describe one service, the first to import it owns it and a later one only
 * fills in what the owner left empty. This metadata key remembers who filled what, so the owner's
 * next import keeps those values (and drops them once it says something itself).
 */
export const FILLED_BY_KEY = "_filledBy";

const TOP_LEVEL = ["tier", "owner", "onCall", "runbookUrl", "healthEndpoint"] as const;

export type ServiceFields = {
  name: string;
  tier: number | null;
  owner: string | null;
  onCall: string | null;
  runbookUrl: string | null;
  healthEndpoint: string | null;
  metadata: Record<string, unknown>;
};

/** The owning catalog's import: its values, plus what others filled in and it does not say. */
export function mergeOwnerImport(stored: ServiceFields, incoming: ServiceFields): ServiceFields {
  const storedFilledBy = readFilledBy(stored.metadata);
  const filledBy: Record<string, string> = {};
  const merged: ServiceFields = { ...incoming, metadata: { ...incoming.metadata } };
  for (const field of TOP_LEVEL) {
    const filler = storedFilledBy[field];
    if (filler && incoming[field] === null && stored[field] !== null) {
      Object.assign(merged, { [field]: stored[field] });
      filledBy[field] = filler;
    }
  }
  for (const [key, filler] of Object.entries(storedFilledBy)) {
    const metadataKey = key.startsWith("metadata.") ? key.slice("metadata.".length) : null;
    if (metadataKey && !(metadataKey in incoming.metadata) && metadataKey in stored.metadata) {
      merged.metadata[metadataKey] = stored.metadata[metadataKey];
      filledBy[key] = filler;
    }
  }
  return withFilledBy(merged, filledBy);
}

/** Another catalog's import: only what the owner left empty, remembered as filled by `source`. */
export function mergeGuestImport(
  stored: ServiceFields,
  incoming: ServiceFields,
  source: string,
): ServiceFields {
  const filledBy = { ...readFilledBy(stored.metadata) };
  const merged: ServiceFields = { ...stored, metadata: { ...stored.metadata } };
  for (const field of TOP_LEVEL) {
    if (stored[field] === null && incoming[field] !== null) {
      Object.assign(merged, { [field]: incoming[field] });
      filledBy[field] = source;
    }
  }
  for (const [key, value] of Object.entries(incoming.metadata)) {
    if (key === FILLED_BY_KEY || key in stored.metadata) continue;
    merged.metadata[key] = value;
    filledBy[`metadata.${key}`] = source;
  }
  return withFilledBy(merged, filledBy);
}

export function isSameServiceFields(a: ServiceFields, b: ServiceFields): boolean {
  return (
    a.name === b.name &&
    TOP_LEVEL.every((field) => a[field] === b[field]) &&
    // Through JSON, as the database stores it: undefined keys vanish.
    isDeepStrictEqual(
      JSON.parse(JSON.stringify(a.metadata)),
      JSON.parse(JSON.stringify(b.metadata)),
    )
  );
}

function readFilledBy(metadata: Record<string, unknown>): Record<string, string> {
  const value = metadata[FILLED_BY_KEY];
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

function withFilledBy(fields: ServiceFields, filledBy: Record<string, string>): ServiceFields {
  const { [FILLED_BY_KEY]: _previous, ...metadata } = fields.metadata;
  return {
    ...fields,
    metadata:
      Object.keys(filledBy).length > 0 ? { ...metadata, [FILLED_BY_KEY]: filledBy } : metadata,
  };
}
