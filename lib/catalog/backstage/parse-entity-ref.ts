/** A parsed Backstage entity reference; kind and namespace lower-case, as Backstage compares them. */
export type TEntityRef = { kind: string; namespace: string; name: string };

const REF_PATTERN = /^(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)$/;

/** Reads "name", "kind:name" or "kind:namespace/name"; the field decides the kind when none is given. */
export function parseEntityRef(ref: string, defaultKind: string): TEntityRef | null {
  const match = REF_PATTERN.exec(ref.trim());
  const name = match?.[3];
  if (!match || !name) return null;
  return {
    kind: (match[1] ?? defaultKind).toLowerCase(),
    namespace: (match[2] ?? "default").toLowerCase(),
    name,
  };
}

/** A key that is equal for refs Backstage treats as equal (it ignores case). */
export function toEntityKey(ref: TEntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name.toLowerCase()}`;
}

/** "component:artist-lookup", or "component:ns/name" outside the default namespace. */
export function describeEntityRef(ref: TEntityRef): string {
  const namespace = ref.namespace === "default" ? "" : `${ref.namespace}/`;
  return `${ref.kind}:${namespace}${ref.name}`;
}
