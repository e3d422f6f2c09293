import { createSeededRandom } from "./create-seeded-random";
import type { GraphEdge, GraphService } from "./schemas";

type Layer = { prefix: string; title: string; share: number; isShared: boolean };

// Callers on top, datastores at the bottom; platform services are shared by every domain.
const LAYERS: Layer[] = [
  { prefix: "web", title: "Frontend", share: 0.05, isShared: false },
  { prefix: "api", title: "API", share: 0.1, isShared: false },
  { prefix: "svc", title: "Service", share: 0.25, isShared: false },
  { prefix: "core", title: "Core service", share: 0.2, isShared: false },
  { prefix: "platform", title: "Platform service", share: 0.05, isShared: true },
  { prefix: "db", title: "Datastore", share: 0.35, isShared: false },
];
const PLATFORM = 4;
const DATASTORES = 5;
const SERVICES_PER_DOMAIN = 40;

/**
 * A made-up catalog shaped like real ones, for benchmarks and property tests: frontends call
 * APIs, which call domain services, which use platform services and datastores. Most calls
 * stay within a team's domain and go to its popular services; a few go sideways (so cycles
 * exist). The same options always give the same graph.
 */
export function generateServiceGraph(options: { services: number; edges: number; seed: number }): {
  services: GraphService[];
  edges: GraphEdge[];
} {
  const random = createSeededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];
  const count = Math.max(0, Math.floor(options.services));
  const domainCount = Math.max(1, Math.round(count / SERVICES_PER_DOMAIN));

  const services: GraphService[] = [];
  const layerOf: number[] = [];
  const domainOf: number[] = [];
  // members[layer][domain]: ids, the most popular first.
  const members: number[][][] = LAYERS.map(() => Array.from({ length: domainCount }, () => []));
  const layerSizes = splitIntoLayers(count);
  for (const [layer, { prefix, title, isShared }] of LAYERS.entries()) {
    const size = layerSizes[layer] ?? 0;
    for (let ordinal = 1; ordinal <= size; ordinal++) {
      const id = services.length + 1;
      const domain = Math.floor(random() * domainCount);
      const slug = isShared ? `${prefix}-${ordinal}` : `${prefix}-d${domain}-${ordinal}`;
      services.push({
        id,
        slug,
        name: `${title} ${ordinal}`,
        tier: pickTier(layer, random),
        isUnmapped: false,
      });
      layerOf[id] = layer;
      domainOf[id] = domain;
      members[layer]?.[isShared ? 0 : domain]?.push(id);
    }
  }

  const callers = services.filter((service) => (layerOf[service.id] ?? 0) < DATASTORES);
  const edges: GraphEdge[] = [];
  const seen = new Set<number>();
  const wanted = Math.max(0, Math.floor(options.edges));
  const maxAttempts = wanted * 20;
  for (let attempt = 0; edges.length < wanted && attempt < maxAttempts; attempt++) {
    const from = pick(callers)?.id;
    if (from === undefined) break;
    const layer = pickTargetLayer(layerOf[from] ?? 0, random);
    const bucket = pickBucket(members[layer] ?? [], domainOf[from] ?? 0, random);
    // Squaring favours the start of the bucket: a few popular services take most calls.
    const to = bucket[Math.floor(random() ** 2 * bucket.length)];
    if (to === undefined || to === from || seen.has(from * (count + 1) + to)) continue;
    seen.add(from * (count + 1) + to);
    edges.push({
      from,
      to,
      kind: layer === DATASTORES ? "data" : layer === PLATFORM && random() < 0.5 ? "async" : "sync",
      criticality: random() < 0.2 ? "optional" : "critical",
      provenance: pickProvenance(random()),
    });
  }
  return { services, edges };
}

function splitIntoLayers(count: number): number[] {
  const sizes = LAYERS.map((layer) => Math.floor(count * layer.share));
  let rest = count - sizes.reduce((sum, size) => sum + size, 0);
  // Small catalogs: fill the layers top-down so every layer gets a service as soon as possible.
  for (let layer = 0; rest > 0; layer = (layer + 1) % sizes.length, rest--) {
    sizes[layer] = (sizes[layer] ?? 0) + 1;
  }
  return sizes;
}

/** Mostly the next layer down; sometimes platform, datastores or a sibling in the same layer. */
function pickTargetLayer(from: number, random: () => number): number {
  if (from === PLATFORM) return DATASTORES;
  const roll = random();
  if (from >= 2 && roll < 0.03) return from;
  if (roll < 0.6) return from + 1 === PLATFORM ? DATASTORES : from + 1;
  if (roll < 0.75) return PLATFORM;
  if (roll < 0.9) return DATASTORES;
  return from + 1 + Math.floor(random() * (DATASTORES - from));
}

function pickBucket(byDomain: number[][], domain: number, random: () => number): number[] {
  const own = byDomain[domain] ?? [];
  if (own.length > 0 && random() < 0.9) return own;
  const nonEmpty = byDomain.filter((bucket) => bucket.length > 0);
  return nonEmpty[Math.floor(random() * nonEmpty.length)] ?? [];
}

function pickTier(layer: number, random: () => number): number {
  if (layer === PLATFORM) return 1;
  const roll = random();
  if (layer <= 1) return roll < 0.6 ? 1 : 2;
  return roll < 0.15 ? 1 : roll < 0.5 ? 2 : roll < 0.8 ? 3 : 4;
}

function pickProvenance(roll: number): GraphEdge["provenance"] {
  if (roll < 0.65) return "both";
  return roll < 0.85 ? "declared" : "observed";
}
