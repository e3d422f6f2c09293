import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "./build-service-graph";
import { generateServiceGraph } from "./generate-service-graph";

const generated = generateServiceGraph({ services: 2_000, edges: 10_000, seed: 11 });
const layerOf = (slug: string) => slug.split("-")[0];

describe("generateServiceGraph", () => {
  it("gives exactly the services and edges asked for, ids 1..n, slugs unique", () => {
    expect(generated.services).toHaveLength(2_000);
    expect(generated.edges).toHaveLength(10_000);
    expect(generated.services.map((service) => service.id)).toEqual(
      Array.from({ length: 2_000 }, (_, i) => i + 1),
    );
    expect(new Set(generated.services.map((service) => service.slug)).size).toBe(2_000);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    expect(generateServiceGraph({ services: 2_000, edges: 10_000, seed: 11 })).toEqual(generated);
    const other = generateServiceGraph({ services: 2_000, edges: 10_000, seed: 12 });
    expect(other.edges).not.toEqual(generated.edges);
  });

  it("draws edges that buildServiceGraph keeps: no self-edges, no repeats, known ends", () => {
    const pairs = new Set(generated.edges.map((edge) => `${edge.from}>${edge.to}`));
    expect(pairs.size).toBe(10_000);
    expect(generated.edges.some((edge) => edge.from === edge.to)).toBe(false);
    const graph = buildServiceGraph(generated.services, generated.edges);
    const kept = [...graph.dependenciesOf.values()].reduce((n, list) => n + list.length, 0);
    expect(kept).toBe(10_000);
  });

  it("is layered: frontends are called by nobody, datastores call nobody", () => {
    const graph = buildServiceGraph(generated.services, generated.edges);
    const slugOf = new Map(generated.services.map((service) => [service.id, service.slug]));
    for (const edge of generated.edges) {
      expect(layerOf(slugOf.get(edge.to) ?? "")).not.toBe("web");
      expect(layerOf(slugOf.get(edge.from) ?? "")).not.toBe("db");
    }
    const layers = new Set(generated.services.map((service) => layerOf(service.slug)));
    expect([...layers]).toEqual(["web", "api", "svc", "core", "platform", "db"]);
    expect(graph.hasObservations).toBe(true);
  });

  it("mixes criticality, provenance, kinds and tiers", () => {
    const count = <T>(values: T[], value: T) => values.filter((v) => v === value).length;
    const criticality = generated.edges.map((edge) => edge.criticality);
    expect(count(criticality, "optional") / 10_000).toBeGreaterThan(0.1);
    expect(count(criticality, "optional") / 10_000).toBeLessThan(0.3);
    const provenance = generated.edges.map((edge) => edge.provenance);
    for (const value of ["declared", "observed", "both"] as const) {
      expect(count(provenance, value)).toBeGreaterThan(500);
    }
    const kinds = new Set(generated.edges.map((edge) => edge.kind));
    expect([...kinds].sort()).toEqual(["async", "data", "sync"]);
    const tiers = new Set(generated.services.map((service) => service.tier));
    expect([...tiers].sort()).toEqual([1, 2, 3, 4]);
  });

  it("copes with tiny and impossible requests", () => {
    expect(generateServiceGraph({ services: 0, edges: 10, seed: 1 })).toEqual({
      services: [],
      edges: [],
    });
    const tiny = generateServiceGraph({ services: 3, edges: 1_000, seed: 1 });
    expect(tiny.services.map((service) => layerOf(service.slug))).toEqual(["web", "api", "db"]);
    // web → api, web → db, api → db: every pair going down, and nothing more.
    expect(tiny.edges.length).toBeLessThanOrEqual(3);
  });
});
