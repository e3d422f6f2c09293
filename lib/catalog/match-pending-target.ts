import { API_TARGET_PREFIX, DATA_STORE_KINDS, PAGERDUTY_TARGET_PREFIX } from "./schemas";

type TDependencyKind = "sync" | "async" | "data";

/** What a pending edge's target_slug may name for a service: itself, an API it provides, its PagerDuty id. */
export function listTargetKeys(service: { slug: string; metadata: unknown }): string[] {
  const metadata = isRecord(service.metadata) ? service.metadata : {};
  const apis = Array.isArray(metadata.providesApis)
    ? metadata.providesApis.filter(
        (key): key is string => typeof key === "string" && key.startsWith(API_TARGET_PREFIX),
      )
    : [];
  const pagerduty =
    typeof metadata.pagerdutyServiceId === "string"
      ? [`${PAGERDUTY_TARGET_PREFIX}${metadata.pagerdutyServiceId}`]
      : [];
  return [service.slug, ...apis, ...pagerduty];
}

/** Splits target keys into plain slugs, API keys and PagerDuty ids, to look them up. */
export function groupTargetKeys(keys: string[]): {
  slugs: string[];
  apiKeys: string[];
  pagerdutyIds: string[];
} {
  const unique = [...new Set(keys)];
  const prefixed = (prefix: string) => unique.filter((key) => key.startsWith(prefix));
  return {
    slugs: unique.filter(
      (key) => !key.startsWith(API_TARGET_PREFIX) && !key.startsWith(PAGERDUTY_TARGET_PREFIX),
    ),
    apiKeys: prefixed(API_TARGET_PREFIX),
    pagerdutyIds: prefixed(PAGERDUTY_TARGET_PREFIX).map((key) =>
      key.slice(PAGERDUTY_TARGET_PREFIX.length),
    ),
  };
}

/**
 * The kind an edge gets once its target is known. A catalog that could not see the target said
 * "sync" for want of knowing better; a data store it turns out to be makes it a data edge.
 */
export function toConnectedKind(
  kind: TDependencyKind,
  target: { metadata: unknown },
): TDependencyKind {
  const targetKind = isRecord(target.metadata) ? target.metadata.kind : undefined;
  if (kind === "sync" && typeof targetKind === "string" && DATA_STORE_KINDS.has(targetKind)) {
    return "data";
  }
  return kind;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
