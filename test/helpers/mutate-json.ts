import fc from "fast-check";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path in a JSON document, the root included. */
export function listPaths(value: Json, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) paths.push(...listPaths(item, [...prefix, index]));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value))
      paths.push(...listPaths(item, [...prefix, key]));
  }
  return paths;
}

const nastyStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\ud800",
  "💥".repeat(50),
  "x".repeat(10_000),
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "275760-09-13T00:00:00Z",
  "2024-02-30T25:61:00Z",
  "-1",
  "NaN",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "<script>alert(1)</script>",
  "'; DROP TABLE alerts; --",
  "firing",
  "resolved",
);

const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  nastyStrings,
  fc.constantFrom<Json>(null, true, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}),
);

type Mutation = {
  pathIndex: number;
  kind: "replace" | "delete" | "add" | "duplicate";
  value: Json;
  key: string;
};

const mutation: fc.Arbitrary<Mutation> = fc.record({
  pathIndex: fc.nat(),
  kind: fc.constantFrom("replace", "delete", "add", "duplicate"),
  value: replacement,
  key: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("__proto__", "status", "labels", "alerts"),
  ),
});

function applyMutation(root: Json, change: Mutation): Json {
  const copy = structuredClone(root);
  const paths = listPaths(copy);
  const path = paths[change.pathIndex % paths.length] ?? [];
  if (path.length === 0) return change.kind === "replace" ? change.value : copy;
  const parent = path
    .slice(0, -1)
    .reduce<Json>((node, part) => (node as Record<string, Json>)[part] as Json, copy);
  const last = path[path.length - 1] as string | number;
  if (!parent || typeof parent !== "object") return copy;
  const container = parent as Record<string | number, Json>;
  switch (change.kind) {
    case "replace":
      container[last] = change.value;
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete container[last];
      break;
    case "add":
      if (Array.isArray(parent)) parent.push(change.value);
      else
        Object.defineProperty(container, change.key, {
          value: change.value,
          enumerable: true,
          writable: true,
        });
      break;
    case "duplicate":
      if (Array.isArray(parent)) parent.push(structuredClone(container[last] as Json));
      break;
  }
  return copy;
}

/** A real payload with one to three structural mutations: replaced, removed, added or repeated parts. */
export function mutatedJson(original: unknown): fc.Arbitrary<unknown> {
  return fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((changes) =>
      changes.reduce<Json>((value, change) => applyMutation(value, change), original as Json),
    );
}

/** A real payload's text cut short or with bytes spliced in: mostly malformed JSON. */
export function mutatedText(original: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: original.length }).map((end) => original.slice(0, end)),
    fc
      .tuple(fc.nat({ max: original.length }), fc.string({ maxLength: 8, unit: "binary" }))
      .map(([at, insert]) => original.slice(0, at) + insert + original.slice(at)),
  );
}
